package io.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/** The contract's error shape, asserted in one place. */
public final class Problems {

    // What must never reach a client: stack frames, exception class names, SQL, server internals.
    private static final Pattern LEAK = Pattern.compile(
            "(?i)(\\bat [a-z]+\\.[a-z]+|exception|\\bjava\\.|\\bjakarta\\.|org\\.|fish\\.payara|eclipselink|"
                    + "select |insert into|update .* set|psql|sqlstate|<html)");

    private Problems() {
    }

    /** Asserts an RFC 9457 problem with the contract's extra {@code message}, and returns its body. */
    public static JsonObject assertProblem(Api.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.text());
        assertTrue(reply.contentType() != null && reply.contentType().startsWith("application/problem+json"),
                "problem media type, got " + reply.contentType());
        assertNoLeak(reply.text());
        JsonObject body = reply.json();
        assertEquals(status, body.getInt("status"));
        assertFalse(body.getString("type").isBlank());
        assertFalse(body.getString("title").isBlank());
        assertFalse(body.getString("detail").isBlank());
        assertEquals(body.getString("detail"), body.getString("message"));
        return body;
    }

    /** Asserts a 422 whose {@code data.errors} name exactly these fields, in the reference API's shape. */
    public static JsonObject assertInvalid(Api.Reply reply, String... params) {
        JsonObject body = assertProblem(reply, 422);
        List<JsonObject> errors = body.getJsonObject("data").getJsonArray("errors").getValuesAs(JsonObject.class);
        assertEquals(List.of(params), errors.stream().map(e -> e.getString("param")).distinct().toList(), reply.text());
        for (JsonObject error : errors) {
            assertEquals("body", error.getString("location"));
            assertFalse(error.getString("msg").isBlank());
            assertFalse(error.containsKey("value"), "the submitted value is never echoed");
        }
        return body;
    }

    public static String firstMessage(JsonObject problem, String param) {
        return problem.getJsonObject("data").getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("param").equals(param)).findFirst()
                .map(e -> e.getString("msg")).orElseThrow();
    }

    public static void assertNoLeak(String text) {
        assertFalse(LEAK.matcher(text).find(), "response leaks internals: " + text);
    }

    public static boolean isNull(JsonObject object, String key) {
        return object.containsKey(key) && object.get(key).getValueType() == JsonValue.ValueType.NULL;
    }
}
