package io.latchkey.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * A JSON body kept as text, for the few endpoints whose body a library parses (WebAuthn responses): read with the
 * same bounds as every other body (16 KiB, strict UTF-8, no NUL), and only when it says it is JSON.
 */
public record JsonText(String text) {

    /** The reader of such bodies. */
    @Provider
    @Consumes(MediaType.WILDCARD)
    public static class Reader implements MessageBodyReader<JsonText> {

        @Override
        public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == JsonText.class;
        }

        @Override
        public JsonText readFrom(Class<JsonText> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                 MultivaluedMap<String, String> httpHeaders, InputStream entityStream) {
            boolean json = "application".equals(mediaType.getType())
                    && ("json".equals(mediaType.getSubtype()) || mediaType.getSubtype().endsWith("+json"));
            String body = FieldsReader.decodeUtf8(FieldsReader.readBounded(entityStream));
            if (!json) {
                throw Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE);
            }
            if (body.isBlank()) {
                throw Problem.badRequest("The request body must be a JSON object");
            }
            return new JsonText(body);
        }
    }
}
