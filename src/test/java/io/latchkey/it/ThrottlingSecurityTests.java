package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.throttling.Throttle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Throttling (issue 5, area 1): per-account backoff and per-address limits, held in PostgreSQL across instances.
 * The suite runs with THROTTLE_LOGIN_IP_LIMIT=20; the other limits are the defaults.
 */
abstract class ThrottlingSecurityTests {

    static final String LOGIN = Paths.LOGIN;

    @Test
    @DisplayName("ASVS 5.0 V6.3.1 / V6.1.1: five failed logins in 15 min from one address block that address for the account with 429 and Retry-After, even for the right password")
    void failedLoginsBackOffPerAccountAndAddress() {
        String email = Users.newUser();
        for (int i = 1; i <= 5; i++) {
            assertProblem(Api.post(LOGIN, json("email", email, "password", "wrong guess " + i)), 401);
        }

        Api.Reply blocked = Api.post(LOGIN, json("email", email, "password", Users.PASSWORD));
        assertEquals("Too many failed attempts for this account; try again later", assertProblem(blocked, 429).getString("message"));
        int retryAfter = Integer.parseInt(blocked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "first delay 30 s: " + retryAfter);

        Database.update("update throttle_counters set blocked_until = now() - interval '1 second' where key = ?",
                pairKey(email));
        Users.login(email, Users.PASSWORD);
        assertEquals(0, Database.count("select count(*) from throttle_counters where key = ?", pairKey(email)),
                "a success resets this address's counter");
    }

    @Test
    @DisplayName("Issue 14.8: an attacker's failed logins do not lock the owner out: the owner signs in from another address")
    void failuresFromOneAddressDoNotLockOutTheOwner() {
        String email = Users.newUser();
        for (int i = 1; i <= 6; i++) {
            assertEquals(i <= 5 ? 401 : 429, Api.post(LOGIN, json("email", email, "password", "wrong " + i)).status());
        }
        Api.actAs(Api.freshClientAddress());
        Users.login(email, Users.PASSWORD);
    }

    @Test
    @DisplayName("Issue 14.8: past 100 failures per account from anywhere, only a device that signed in before gets through (OWASP device cookie)")
    void aDeviceThatSignedInBeforePassesTheAccountWideBlock() {
        String email = Users.newUser();
        Api.Reply before = Api.post(LOGIN, json("email", email, "password", Users.PASSWORD));
        String device = cookie(before, "device_cookie");
        assertTrue(before.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("device_cookie=")
                && c.contains("; Path=/api/v1/auth/login; Secure; HttpOnly; SameSite=Strict")), before.headers().toString());
        for (int i = 1; i <= 100; i++) {
            if (i % 5 == 1) {
                Api.actAs(Api.freshClientAddress());
            }
            assertProblem(Api.post(LOGIN, json("email", email, "password", "botnet guess " + i)), 401);
        }

        Api.actAs(Api.freshClientAddress());
        assertProblem(Api.post(LOGIN, json("email", email, "password", Users.PASSWORD)), 429);
        Api.Reply known = Api.send(Api.request(LOGIN).header("Cookie", "device_cookie=" + device)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json("email", email, "password", Users.PASSWORD)
                        .build().toString())));
        assertEquals(200, known.status(), known.text());
        Api.Reply forged = Api.send(Api.request(LOGIN).header("Cookie", "device_cookie=" + device.substring(1))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json("email", email, "password", Users.PASSWORD)
                        .build().toString())));
        assertProblem(forged, 429);
        Api.Reply refreshAsDevice = Api.send(Api.request(LOGIN)
                .header("Cookie", "device_cookie=" + RefreshCookies.of(before).value())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json("email", email, "password", Users.PASSWORD)
                        .build().toString())));
        assertProblem(refreshAsDevice, 429);
        assertProblem(RefreshCookies.refresh(device), 401);   // and a device cookie is no refresh token
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.1: the delay doubles with each further failure")
    void delaysIncrease() {
        String email = Users.newEmail();
        for (int i = 1; i <= 5; i++) {
            Api.post(LOGIN, json("email", email, "password", "guess " + i));
        }
        Database.update("update throttle_counters set blocked_until = now() - interval '1 second' where key = ?",
                pairKey(email));

        assertProblem(Api.post(LOGIN, json("email", email, "password", "guess 6")), 401);
        Api.Reply second = Api.post(LOGIN, json("email", email, "password", "guess 7"));
        assertProblem(second, 429);
        int retryAfter = Integer.parseInt(second.header("Retry-After"));
        assertTrue(retryAfter > 30 && retryAfter <= 60, "second delay 60 s: " + retryAfter);
    }

    static String pairKey(String email) {
        return Throttle.accountKey("login-pair", email + "|" + Api.clientAddress());
    }

    static String cookie(Api.Reply reply, String name) {
        return reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.1: a success before the limit resets the count")
    void successResetsTheCount() {
        String email = Users.newUser();
        for (int i = 1; i <= 4; i++) {
            assertProblem(Api.post(LOGIN, json("email", email, "password", "wrong " + i)), 401);
        }
        Users.login(email, Users.PASSWORD);
        for (int i = 1; i <= 4; i++) {
            assertProblem(Api.post(LOGIN, json("email", email, "password", "wrong again " + i)), 401);
        }
        Users.login(email, Users.PASSWORD);
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.1: logins from one address are bounded (429 past the limit)")
    void loginsPerAddressAreBounded() {
        for (int i = 1; i <= 20; i++) {
            assertProblem(Api.post(LOGIN, json("email", Users.newEmail(), "password", "whatever it is")), 401);
        }
        Api.Reply refused = Api.post(LOGIN, json("email", Users.newEmail(), "password", "whatever it is"));
        assertProblem(refused, 429);
        assertTrue(Integer.parseInt(refused.header("Retry-After")) <= 60);
        Api.actAs(Api.freshClientAddress());
        assertProblem(Api.post(LOGIN, json("email", Users.newEmail(), "password", "whatever it is")), 401);
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.1: registrations from one address are bounded (20 an hour)")
    void registrationsPerAddressAreBounded() {
        for (int i = 1; i <= 20; i++) {
            assertEquals(422, Api.post(Paths.REGISTER, json("email", "not an address")).status());
        }
        assertProblem(Api.post(Paths.REGISTER, json("name", "N", "email", Users.newEmail(),
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD)), 429);
    }

    @Test
    @DisplayName("OWASP Forgot Password CS: reset requests are bounded per address (10 an hour) and per email (3 an hour, silently)")
    void resetRequestsAreBounded() {
        String email = Users.newUser();
        for (int i = 1; i <= 4; i++) {
            assertEquals(200, Api.post(Paths.RESET, json("email", email)).status());
        }
        for (int i = 5; i <= 10; i++) {
            assertEquals(200, Api.post(Paths.RESET, json("email", Users.newEmail())).status());
        }
        assertProblem(Api.post(Paths.RESET, json("email", Users.newEmail())), 429);
        Mailbox.await(email, 4);
        Mailbox.assertNoMore(email, 4);
        assertEquals(3, Mailbox.of(email).stream().filter(m -> m.subject().equals("Reset your password")).count(),
                "the fourth request for one address sends nothing, and says so to no one");
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.1: verification resends are bounded per address (30 an hour)")
    void resendsPerAddressAreBounded() {
        String email = Users.newUser();
        Api.Reply login = RefreshCookies.login(email);
        String path = "/api/v1/auth/verify/resend/" + login.json().getJsonObject("user").getString("id");
        String token = login.json().getString("token");
        for (int i = 1; i <= 30; i++) {
            Api.Reply reply = Api.postAs(path, token);
            assertEquals("A verification email was sent recently; try again later", assertProblem(reply, 429).getString("message"));
        }
        assertEquals("Too many verification requests from your address; try again later",
                assertProblem(Api.postAs(path, token), 429).getString("message"));
    }

    @Test
    @DisplayName("ASVS 5.0 V6.3.1: X-Forwarded-For is believed only from a trusted proxy")
    void forwardedForOnlyFromTrustedProxies() throws Exception {
        String email = Users.newUser();
        Api.actAs("198.51.100.7, 127.0.0.1");
        String trusted = Users.sid(RefreshCookies.login(email).json().getString("token"));
        assertEquals("198.51.100.7", Database.value("select ip from sessions where id = ?::uuid", trusted).orElseThrow(),
                "behind a trusted proxy, the rightmost untrusted hop is the client");

        Api.actAs("198.51.100.8");
        SecondInstance.shared();
        Api.Reply onB = Users.loginOn(SecondInstance.BASE, email);
        String untrusted = Users.sid(onB.json().getString("token"));
        assertEquals("127.0.0.1", Database.value("select ip from sessions where id = ?::uuid", untrusted).orElseThrow(),
                "an instance that trusts no proxy ignores the header");
    }
}
