package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Response headers (issue 5, area 6). */
abstract class HeaderSecurityTests {

    @Test
    @DisplayName("ASVS 5.0 V13.4.6: no server product or version banner in any response")
    void noBanners() {
        for (Api.Reply reply : samples()) {
            assertNull(reply.header("Server"), "Server header");
            assertNull(reply.header("X-Powered-By"), "X-Powered-By header");
        }
    }

    @Test
    @DisplayName("ASVS 5.0 V3.4.4 / V3.4.5: nosniff and no-referrer everywhere, the verify and reset flows included")
    void nosniffAndNoReferrer() {
        for (Api.Reply reply : samples()) {
            assertEquals(List.of("nosniff"), reply.headers().allValues("X-Content-Type-Options"));
            assertEquals(List.of("no-referrer"), reply.headers().allValues("Referrer-Policy"));
            assertEquals(List.of("DENY"), reply.headers().allValues("X-Frame-Options"), "one framing rule, not two");
        }
    }

    @Test
    @DisplayName("ASVS 5.0 V14.3.2 / RFC 6749 5.1: responses carrying a token are never stored")
    void tokenResponsesAreNotStored() {
        String email = Users.newUser();
        Api.Reply login = RefreshCookies.login(email);
        Api.Reply refresh = RefreshCookies.refresh(RefreshCookies.of(login).value());
        for (Api.Reply reply : List.of(login, refresh)) {
            assertTrue(reply.header("Cache-Control").contains("no-store"), reply.header("Cache-Control"));
        }
    }

    @Test
    @DisplayName("Issue 14.15: a strict Content-Security-Policy everywhere; no HSTS while the public URL is http")
    void contentSecurityPolicy() {
        for (Api.Reply reply : samples()) {
            assertEquals(List.of("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
                    reply.headers().allValues("Content-Security-Policy"));
            assertNull(reply.header("Strict-Transport-Security"), "the suite's issuer is http");
        }
    }

    @Test
    @DisplayName("Issue 14.15: no WADL, and no library name or version in OPTIONS answers")
    void noWadlNoVersions() {
        Problems.assertProblem(Api.get("/api/application.wadl"), 404);
        Api.Reply options = Api.send("OPTIONS", Paths.LOGIN, java.util.Map.of());
        assertEquals(200, options.status());
        assertTrue(!options.text().toLowerCase().contains("jersey") && !options.text().contains("wadl"), options.text());
        options.headers().map().forEach((name, values) -> assertTrue(
                values.stream().noneMatch(v -> v.toLowerCase().matches(".*(jersey|payara|grizzly|glassfish).*")),
                name + ": " + values));
    }

    @Test
    @DisplayName("Issue 14.15: what the connector refuses itself (bad request line, NUL in the path, TRACE) shows no framework page")
    void connectorErrorsShowNoFrameworkPage() throws Exception {
        int port = Integer.getInteger("it.http.port", 18080);
        for (String request : new String[] {"GARBAGE\r\n\r\n", "GET /api/v1/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n", "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(20000) + "\r\n\r\n"}) {
            String answer = raw(port, request);
            assertTrue(!answer.toLowerCase().matches("(?s).*(<html|payara|grizzly|glassfish|exception).*"), request + " -> " + answer);
            assertTrue(answer.isEmpty() || answer.matches("(?s)HTTP/1.1 (4|5)\\d\\d.*"), request + " -> " + answer);
        }
    }

    static String raw(int port, String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException | java.net.SocketException closed) {
            return "";
        }
    }

    private static List<Api.Reply> samples() {
        return List.of(
                Api.post(Paths.REGISTER, json()),
                Api.post(Paths.LOGIN, json("email", Users.newEmail(), "password", "x")),
                Api.patch(Paths.VERIFY, json("token", "lkv_x")),
                Api.post(Paths.RESET, json("email", Users.newEmail())),
                Api.patch(Paths.UPDATE, json("token", "lkr_x")),
                Api.get("/verify/email/?token=lkv_secret"),
                Api.get("/password/update/?token=lkr_secret"),
                Api.get("/.well-known/jwks.json"),
                Api.get(Paths.ME),
                Api.get("/"));
    }
}
