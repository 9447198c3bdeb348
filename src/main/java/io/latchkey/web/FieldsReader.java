package io.latchkey.web;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads every request body of the API, JSON or form, into {@link Fields}. One strict reader instead of a binder per
 * endpoint: bodies are bounded in size, decoded as strict UTF-8, refused when they hold NUL characters or duplicate
 * keys, and never echoed back. A nested object is kept whole, for the one field that is one (a WebAuthn response). Whatever is wrong with a body becomes a 4xx problem, never a 500.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class FieldsReader implements MessageBodyReader<Fields> {

    public static final int MAX_BODY_BYTES = 16 * 1024;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Fields.class;
    }

    @Override
    public Fields readFrom(Class<Fields> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        // Every body of the API is read here, whatever it claims to be, so no other reader ever sees one.
        boolean form = mediaType.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        boolean json = "application".equals(mediaType.getType())
                && ("json".equals(mediaType.getSubtype()) || mediaType.getSubtype().endsWith("+json"));
        String body = decodeUtf8(readBounded(entityStream));
        if (body.isBlank()) {
            return new Fields(Map.of());
        }
        if (!form && !json) {
            throw Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }
        return new Fields(form ? parseForm(body) : parseJson(body));
    }

    static byte[] readBounded(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            // The client went away, or sent so slowly that the server's request timeout interrupted the read.
            throw Problem.of(ProblemType.REQUEST_TIMEOUT);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw Problem.of(ProblemType.PAYLOAD_TOO_LARGE);
        }
        return bytes;
    }

    static String decodeUtf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            refuseNul(text);
            return text;
        } catch (CharacterCodingException e) {
            throw Problem.badRequest("The request body is not valid UTF-8");
        }
    }

    /** PostgreSQL cannot store NUL in text, and no legitimate field holds one. */
    private static void refuseNul(String text) {
        if (text.indexOf('\0') >= 0) {
            throw Problem.badRequest("The request body must not contain NUL characters");
        }
    }

    private static Map<String, Object> parseJson(String body) {
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw Problem.badRequest("The request body must be a JSON object");
            }
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                Object value = switch (parser.next()) {
                    case VALUE_STRING -> parser.getString();
                    case VALUE_NULL -> null;
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case START_OBJECT -> objectText(parser, body);
                    case START_ARRAY -> skip(parser::skipArray);
                    default -> Fields.NOT_TEXT;
                };
                put(values, key, value);
            }
            if (parser.hasNext()) {
                throw Problem.badRequest("The request body has content after the JSON object");
            }
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            throw Problem.badRequest("The request body is not valid JSON");
        }
        return values;
    }

    /** An object's JSON text as sent, found by skipping it: no recursion, however deep it nests. */
    private static Object objectText(JsonParser parser, String body) {
        long start = parser.getLocation().getStreamOffset() - 1;
        parser.skipObject();
        long end = parser.getLocation().getStreamOffset();
        if (start < 0 || end > body.length() || body.charAt((int) start) != '{' || body.charAt((int) end - 1) != '}') {
            return Fields.NOT_TEXT;
        }
        return new Fields.ObjectText(body.substring((int) start, (int) end));
    }

    private static Object skip(Runnable skipper) {
        skipper.run();
        return Fields.NOT_TEXT;
    }

    private static Map<String, Object> parseForm(String body) {
        Map<String, Object> values = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            put(values, key, value);
        }
        return values;
    }

    /** Form decoding that, unlike URLDecoder, refuses bad escapes and invalid UTF-8 instead of replacing them. */
    private static String percentDecode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            int c = encoded.codePointAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw Problem.badRequest("The form body has a bad percent escape");
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw Problem.badRequest("The form body has a bad percent escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] utf8 = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(c) - 1;
            }
        }
        return decodeUtf8(bytes.toByteArray());
    }

    private static void put(Map<String, Object> values, String key, Object value) {
        refuseNul(key);
        if (value instanceof String text) {
            refuseNul(text);
        }
        if (values.containsKey(key)) {
            throw Problem.badRequest("The request body repeats the field " + safeName(key));
        }
        values.put(key, value);
    }

    /** Field names are echoed only when they look like field names: no user-supplied markup in responses. */
    private static String safeName(String key) {
        return key.matches("[A-Za-z_]{1,40}") ? "'" + key + "'" : "(unnamed)";
    }
}
