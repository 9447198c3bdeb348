package io.latchkey.it;

import static io.latchkey.it.Api.json;
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
        String email = SessionTests.newUser();
        Api.Reply login = RefreshCookies.login(email);
        Api.Reply refresh = RefreshCookies.refresh(RefreshCookies.of(login).value());
        for (Api.Reply reply : List.of(login, refresh)) {
            assertTrue(reply.header("Cache-Control").contains("no-store"), reply.header("Cache-Control"));
        }
    }

    private static List<Api.Reply> samples() {
        return List.of(
                Api.post(RegistrationTests.PATH, json()),
                Api.post(LoginTests.PATH, json("email", Users.newEmail(), "password", "x")),
                VerificationTests.patch(VerificationTests.VERIFY, json("token", "lkv_x")),
                Api.post(PasswordResetTests.RESET, json("email", Users.newEmail())),
                VerificationTests.patch(PasswordResetTests.UPDATE, json("token", "lkr_x")),
                Api.get("/verify/email/?token=lkv_secret"),
                Api.get("/password/update/?token=lkr_secret"),
                Api.get("/.well-known/jwks.json"),
                Api.get(TokenTests.ME),
                Api.get("/"));
    }
}
