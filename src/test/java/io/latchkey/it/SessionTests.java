package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static io.latchkey.it.support.RefreshCookies.login;
import static io.latchkey.it.support.RefreshCookies.post;
import static io.latchkey.it.support.RefreshCookies.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The refresh cookie, rotation with reuse detection, logout and revocation (API.md #2, #7, #8). The suite runs
 * with REFRESH_REUSE_INTERVAL=PT2S so the window can be waited out.
 */
abstract class SessionTests {

    /** Issue 29.4: the sessions list showed a client on ::1 as the servlet container writes it, 0:0:0:0:0:0:0:1. */
    @Test
    void anIpv6ClientIsListedInTheShortForm() {
        String email = Users.newUser();
        String previous = Api.clientAddress();
        Api.actAs(null); // no X-Forwarded-For: the connection's own address
        try {
            String local = Api.BASE.replace("127.0.0.1", "[::1]");
            Api.Reply login = Api.post(local + Paths.LOGIN, json("email", email, "password", Users.PASSWORD));
            assertEquals(200, login.status(), login.text());
            Api.Reply sessions = Api.get(local + Paths.SESSIONS, login.json().getString("token"));
            assertEquals("::1", sessions.json().getJsonArray("sessions").getJsonObject(0).getString("ip"));
        } finally {
            Api.actAs(previous);
        }
    }

    @Test
    void loginSetsTheRefreshCookieWithEveryAttribute() {
        Api.Reply reply = login(Users.newUser());

        RefreshCookies.SetCookie cookie = RefreshCookies.of(reply);
        assertTrue(cookie.value().startsWith("lkrt_"), cookie.value());
        assertEquals("/api/v1/auth", cookie.attribute("Path"));
        assertEquals("", cookie.attribute("HttpOnly"));
        assertEquals("", cookie.attribute("Secure"));
        assertEquals("Strict", cookie.attribute("SameSite"));
        long maxAge = Long.parseLong(cookie.attribute("Max-Age"));
        assertTrue(maxAge > 7 * 86400 - 60 && maxAge <= 7 * 86400, "seven days: " + maxAge);
        assertTrue(reply.header("Cache-Control").contains("no-store"));
    }

    @Test
    void refreshRotatesAndAnswersLikeLogin() throws Exception {
        String email = Users.newUser();
        Api.Reply login = login(email);
        String first = RefreshCookies.of(login).value();

        Api.Reply refreshed = refresh(first);

        assertEquals(200, refreshed.status(), refreshed.text());
        assertEquals(Set.of("token", "expires_in", "user"), refreshed.json().keySet());
        assertTrue(refreshed.header("Cache-Control").contains("no-store"));
        String second = RefreshCookies.of(refreshed).value();
        assertNotEquals(first, second);
        String token = refreshed.json().getString("token");
        assertEquals(Users.sid(login.json().getString("token")), Users.sid(token), "same session");
        assertEquals(200, Api.get(Paths.ME, token).status());
        assertEquals(200, refresh(second).status());
    }

    @Test
    void withinTheReuseIntervalTheOldCookieGetsTheCurrentTokenNotANewOne() {
        String first = RefreshCookies.of(login(Users.newUser())).value();
        String second = RefreshCookies.of(refresh(first)).value();

        Api.Reply parallelTab = refresh(first);

        assertEquals(200, parallelTab.status());
        assertEquals(second, RefreshCookies.of(parallelTab).value());
        assertEquals(200, refresh(second).status(), "the chain goes on");
    }

    @Test
    void reuseAfterTheIntervalEndsTheSessionAndItsCurrentTokenToo() throws Exception {
        Api.Reply login = login(Users.newUser());
        String stolen = RefreshCookies.of(login).value();
        Api.Reply rotated = refresh(stolen);
        String current = RefreshCookies.of(rotated).value();
        Thread.sleep(RefreshCookies.REUSE_INTERVAL.plusMillis(500).toMillis());

        assertProblem(refresh(stolen), 401);

        assertEquals("Unauthorized", assertProblem(refresh(current), 401).getString("message"));
        assertProblem(Api.get(Paths.ME, rotated.json().getString("token")), 401);
        String sid = Users.sid(login.json().getString("token"));
        assertEquals(1, Database.count("select count(*) from sessions where id = ?::uuid and revoked_at is not null", sid));
        assertEquals(1, Database.count("select count(*) from audit_events where session_id = ?::uuid"
                + " and kind = 'REFRESH_REUSE_DETECTED'", sid));
    }

    @Test
    void twentyConcurrentRefreshesWithOneCookieAllSucceedAndLeaveOneLiveToken() throws Exception {
        Api.Reply login = login(Users.newUser());
        String cookie = RefreshCookies.of(login).value();
        int racers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return refresh(cookie);
            }));
        }
        start.countDown();
        Set<String> cookies = new HashSet<>();
        for (Future<Api.Reply> reply : replies) {
            assertEquals(200, reply.get().status(), reply.get().text());
            cookies.add(RefreshCookies.of(reply.get()).value());
        }
        pool.shutdown();

        assertEquals(1, cookies.size(), "one token identity for all");
        String sid = Users.sid(login.json().getString("token"));
        assertEquals("1", Database.value("select refresh_generation from sessions where id = ?::uuid", sid).orElseThrow());
        assertEquals(200, refresh(cookies.iterator().next()).status());
    }

    @Test
    void logoutEndsTheSessionClearsTheCookieAndRefusesItsAccessToken() throws Exception {
        Api.Reply login = login(Users.newUser());
        String cookie = RefreshCookies.of(login).value();
        String token = login.json().getString("token");

        Api.Reply logout = post("/api/v1/auth/logout", cookie, null);

        assertEquals(200, logout.status(), logout.text());
        assertEquals("Logged out", logout.json().getString("message"));
        RefreshCookies.SetCookie cleared = RefreshCookies.of(logout);
        assertEquals("", cleared.value());
        assertEquals("0", cleared.attribute("Max-Age"));
        assertProblem(refresh(cookie), 401);
        assertProblem(Api.get(Paths.ME, token), 401);
        assertEquals(1, Database.count("select count(*) from sessions where id = ?::uuid and revoked_at is not null",
                Users.sid(token)));
        assertEquals(1, Database.count("select count(*) from audit_events where session_id = ?::uuid and kind = 'LOGOUT'",
                Users.sid(token)));
        assertEquals(200, post("/api/v1/auth/logout", cookie, null).status(), "logging out twice is harmless");
        assertProblem(post("/api/v1/auth/logout", null, null), 401);
    }

    @Test
    void logoutOfAUserIsForTheOwner() {
        String email = Users.newUser();
        Api.Reply login = login(email);
        String userId = login.json().getJsonObject("user").getString("id");
        String token = login.json().getString("token");
        String cookie = RefreshCookies.of(login).value();

        assertProblem(post("/api/v1/auth/logout/" + userId, cookie, null), 401);
        assertProblem(post("/api/v1/auth/logout/" + userId, cookie, Users.accessToken()), 403);
        Api.Reply logout = post("/api/v1/auth/logout/" + userId, cookie, token);

        assertEquals(200, logout.status(), logout.text());
        assertEquals("0", RefreshCookies.of(logout).attribute("Max-Age"));
        assertProblem(refresh(cookie), 401);
        assertProblem(Api.get(Paths.ME, token), 401);
    }

    @Test
    void aPasswordResetEndsTheSessionsOnEveryDevice() {
        String email = Users.newUser();
        Api.Reply laptop = login(email);
        Api.Reply phone = login(email);
        Api.post(Paths.RESET, json("email", email));
        String reset = Mailbox.token(email, 2, Paths.RESET_LINK);

        assertEquals(200, Api.patch(Paths.UPDATE, json("token", reset,
                "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD)).status());

        for (Api.Reply device : List.of(laptop, phone)) {
            assertProblem(refresh(RefreshCookies.of(device).value()), 401);
            assertProblem(Api.get(Paths.ME, device.json().getString("token")), 401);
        }
    }

    @Test
    void cookieEndpointsRefuseAForeignOriginAndCorsAnswersOnlyAllowedOnes() {
        String cookie = RefreshCookies.of(login(Users.newUser())).value();

        Api.Reply foreign = refresh(cookie, Map.of("Origin", "https://evil.example.test"));
        assertProblem(foreign, 403);
        assertNull(foreign.header("Access-Control-Allow-Origin"));
        assertProblem(Api.send(Api.request("/api/v1/auth/logout").header("Cookie", "refresh_cookie=" + cookie)
                .header("Origin", "https://evil.example.test").POST(java.net.http.HttpRequest.BodyPublishers.noBody())), 403);
        assertEquals(200, refresh(cookie).status(), "the refused requests changed nothing");

        String fresh = RefreshCookies.of(login(Users.newUser())).value();
        assertEquals(200, refresh(fresh, Map.of("Origin", Api.BASE)).status(), "the service's own origin");
        Api.Reply allowed = refresh(RefreshCookies.of(login(Users.newUser())).value(), Map.of("Origin", "https://app.example.test"));
        assertEquals(200, allowed.status());
        assertEquals("https://app.example.test", allowed.header("Access-Control-Allow-Origin"));
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials"));

        Api.Reply preflight = Api.send("OPTIONS", Paths.REFRESH, Map.of("Origin", "https://app.example.test",
                "Access-Control-Request-Method", "POST"));
        assertEquals(204, preflight.status());
        assertEquals("https://app.example.test", preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"));
        Api.Reply extraHeader = Api.send("OPTIONS", Paths.ME, Map.of("Origin", "https://app.example.test",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization,x-requested-with"));
        assertEquals(204, extraHeader.status());
        assertTrue(java.util.Arrays.stream(extraHeader.header("Access-Control-Allow-Headers").split(",\\s*"))
                .anyMatch("X-Requested-With"::equalsIgnoreCase), "an SPA's extra header passes the preflight");
        assertEquals("Retry-After", allowed.header("Access-Control-Expose-Headers"), "a 429's wait is readable");
    }

    @Test
    void tokensOfEveryOtherKindAreRefusedAsTheRefreshCookie() {
        String email = Users.newUser();
        Api.Reply login = login(email);
        String refreshToken = RefreshCookies.of(login).value();
        String verification = Mailbox.last(email, 1).token(Paths.VERIFY_LINK);
        Api.post(Paths.RESET, json("email", email));
        String reset = Mailbox.token(email, 2, Paths.RESET_LINK);
        char last = refreshToken.charAt(refreshToken.length() - 2);
        String tampered = refreshToken.substring(0, refreshToken.length() - 2) + (last == 'A' ? 'B' : 'A')
                + refreshToken.charAt(refreshToken.length() - 1);

        for (String wrong : List.of(login.json().getString("token"), verification, reset, tampered, "", "lkrt_", "garbage")) {
            assertProblem(refresh(wrong), 401);
        }
        assertProblem(refresh(null), 401);
        assertProblem(Api.get(Paths.ME, refreshToken), 401);
        assertEquals(200, refresh(refreshToken).status(), "the real one still works");
    }

    @Test
    void sessionsPastTheirAbsoluteOrIdleLifetimeAreOver() throws Exception {
        Api.Reply absolute = login(Users.newUser());
        Database.update("update sessions set expires_at = now() - interval '1 second' where id = ?::uuid",
                Users.sid(absolute.json().getString("token")));
        assertProblem(refresh(RefreshCookies.of(absolute).value()), 401);

        Api.Reply idle = login(Users.newUser());
        Database.update("update sessions set refresh_expires_at = now() - interval '1 second' where id = ?::uuid",
                Users.sid(idle.json().getString("token")));
        assertProblem(refresh(RefreshCookies.of(idle).value()), 401);
    }

    @Test
    void eachRefreshSlidesTheRefreshLifetime() throws Exception {
        Api.Reply login = login(Users.newUser());
        String sid = Users.sid(login.json().getString("token"));
        Database.update("update sessions set refresh_expires_at = now() + interval '1 day' where id = ?::uuid", sid);

        refresh(RefreshCookies.of(login).value());

        assertEquals(1, Database.count("select count(*) from sessions where id = ?::uuid"
                + " and refresh_expires_at > now() + interval '6 days'", sid));
    }

    @Test
    void theUserSeesAndEndsTheirSessions() throws Exception {
        String email = Users.newUser();
        Api.Reply laptop = login(email);
        Api.Reply phone = login(email);
        String token = laptop.json().getString("token");

        Api.Reply list = Api.get("/api/v1/auth/sessions", token);
        assertEquals(200, list.status(), list.text());
        var sessions = list.json().getJsonArray("sessions").getValuesAs(jakarta.json.JsonObject.class);
        assertEquals(2, sessions.size());
        var mine = sessions.stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
        assertEquals(Users.sid(token), mine.getString("id"));
        assertEquals(Set.of("id", "created_at", "last_used_at", "user_agent", "ip", "current", "amr", "auth_time", "device"),
                mine.keySet());
        assertEquals("[\"pwd\"]", mine.getJsonArray("amr").toString(), "signed in with a password");
        assertEquals("Unknown device", mine.getString("device"), "named from a fixed list of browsers and systems");
        assertEquals(Api.clientAddress(), mine.getString("ip"), "the client behind the trusted proxy");

        String phoneSession = Users.sid(phone.json().getString("token"));
        assertProblem(Api.delete("/api/v1/auth/sessions/" + phoneSession, Users.accessToken()), 403);
        assertProblem(Api.delete("/api/v1/auth/sessions/" + java.util.UUID.randomUUID(), token), 404);
        assertEquals(200, Api.delete("/api/v1/auth/sessions/" + phoneSession, token).status());
        assertProblem(refresh(RefreshCookies.of(phone).value()), 401);
        assertProblem(Api.get(Paths.ME, phone.json().getString("token")), 401);

        Api.Reply tablet = login(email);
        Api.Reply others = Api.delete("/api/v1/auth/sessions", token);
        assertEquals(200, others.status());
        assertEquals(1, others.json().getInt("revoked"));
        assertProblem(refresh(RefreshCookies.of(tablet).value()), 401);
        assertEquals(200, refresh(RefreshCookies.of(laptop).value()).status(), "this session stays");
    }

    @Test
    void housekeepingDeletesWhatHasExpired() throws Exception {
        Api.Reply login = login(Users.newUser());
        String sid = Users.sid(login.json().getString("token"));
        refresh(RefreshCookies.of(login).value());
        Database.update("update sessions set revoked_at = now() - interval '2 hours' where id = ?::uuid", sid);

        String counter = "housekeeping-test:" + sid;
        Database.update("insert into throttle_counters (key, window_start, hits) values (?, now() - interval '2 days', 1)", counter);
        Database.update("insert into audit_events (occurred_at, kind, user_id) values (now() - interval '91 days', 'LOGOUT', ?::uuid)", sid);
        Database.update("insert into outbox_mails (id, recipient, subject, text_body, html_body, created_at, next_attempt_at,"
                + " sent_at) values (?::uuid, 'old@example.test', 'Old', '', '', now() - interval '8 days', now(),"
                + " now() - interval '8 days')", sid);
        String userId = login.json().getJsonObject("user").getString("id");
        Database.update("update action_tokens set expires_at = now() - interval '1 second' where user_id = ?::uuid", userId);

        Await.until(() -> Database.count("select count(*) from sessions where id = ?::uuid", sid) == 0
                && Database.count("select count(*) from throttle_counters where key = ?", counter) == 0
                && Database.count("select count(*) from audit_events where user_id = ?::uuid", sid) == 0
                && Database.count("select count(*) from outbox_mails where id = ?::uuid", sid) == 0
                && Database.count("select count(*) from action_tokens where user_id = ?::uuid", userId) == 0,
                "the housekeeping tick (every 2 s in the suite) deletes every kind of expired row");
    }
}
