package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API.md conventions: every error a problem body with a 4xx status, nothing stored, nothing leaked. */
abstract class ErrorTests {

    static final String REGISTER = "/api/v1/register/user";

    @Test
    void malformedJsonIs400() {
        for (String body : new String[] {"{", "{\"email\":}", "[1,2]", "\"text\"", "{} trailing", "{\"a\":1}{"}) {
            assertProblem(Api.post(REGISTER, "application/json", body.getBytes(StandardCharsets.UTF_8)), 400);
        }
    }

    @Test
    void invalidUtf8AndNulBytesAre400() {
        byte[] invalid = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertProblem(Api.post(REGISTER, "application/json", invalid), 400);
        assertProblem(Api.post(REGISTER, "application/json",
                "{\"name\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(Api.post(REGISTER, "application/x-www-form-urlencoded",
                "name=%C3%28".getBytes(StandardCharsets.UTF_8)), 400);
    }

    /** Issue 29.10: JAX-RS knows no reason phrase for 422, and Jersey sent "CUSTOM", which browsers show. */
    @Test
    void aValidationProblemHasTheReasonPhraseOf422() throws java.io.IOException {
        String body = "{\"email\":\"not an address\"}";
        String answer = HeaderSecurityTests.raw(Integer.getInteger("it.http.port", 18080),
                "POST /api/v1/auth/password/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertEquals("HTTP/1.1 422 Unprocessable Content", answer.lines().findFirst().orElse(""), answer);
    }

    /** Issue 29.10: every page load asked for /favicon.ico and got a 404. */
    @Test
    void theSiteHasAnIcon() {
        Api.Reply icon = Api.get("/favicon.ico");
        assertEquals(200, icon.status());
        org.junit.jupiter.api.Assertions.assertTrue(icon.contentType().startsWith("image/"), icon.contentType());
        org.junit.jupiter.api.Assertions.assertTrue(Api.get("/").text().contains("<link rel=\"icon\" href=\"/favicon.ico\">"));
    }

    @Test
    void wrongTypesAre422() {
        String body = "{\"name\":\"N\",\"email\":42,\"password\":\"x\",\"confirm_password\":\"x\"}";
        assertInvalid(Api.post(REGISTER, "application/json", body.getBytes(StandardCharsets.UTF_8)), "email");
        String nested = "{\"name\":{\"$ne\":null},\"email\":\"a@example.test\"}";
        assertInvalid(Api.post(REGISTER, "application/json", nested.getBytes(StandardCharsets.UTF_8)), "name");
    }

    @Test
    void duplicateKeysAre400() {
        String body = "{\"email\":\"a@example.test\",\"email\":\"b@example.test\"}";
        assertProblem(Api.post(REGISTER, "application/json", body.getBytes(StandardCharsets.UTF_8)), 400);
    }

    @Test
    void unsupportedMediaTypeIs415() {
        assertProblem(Api.post(REGISTER, "text/plain", "name=x".getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void bodiesOver16KiBAre413AndStoreNothing() {
        String email = Users.newEmail();
        String big = json("name", "x".repeat(17 * 1024), "email", email, "password", Users.PASSWORD,
                "confirm_password", Users.PASSWORD).build().toString();
        assertProblem(Api.post(REGISTER, "application/json", big.getBytes(StandardCharsets.UTF_8)), 413);
        // The same without a declared length: bounded while read.
        assertProblem(Api.send(Api.request(REGISTER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))), 413);
        assertEquals(0, Database.count("select count(*) from users where email = ?", email));
    }

    @Test
    void unknownRoutesAre404Problems() {
        assertProblem(Api.get("/api/v1/no-such-thing"), 404);
        assertProblem(Api.get("/no-such-page"), 404);
        assertProblem(Api.get("/.well-known/nothing"), 404);
    }

    @Test
    void wrongMethodsAre405Problems() {
        assertProblem(Api.get(REGISTER), 405);
        assertProblem(Api.send("DELETE", "/api/v1/auth/login", Map.of()), 405);
    }
}
