package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Requests an attacker forges (issue 14, points 12 to 14): a logout with someone else's cookie, cross-site form
 * posts, and client addresses that are not addresses.
 */
abstract class ForgedRequestSecurityTests {

    static final String EVIL = "http://evil.test";

    @Test
    @DisplayName("Issue 14.12: logout/{userId} with another account's refresh cookie is refused and ends nothing")
    void aLogoutWithAnotherAccountsCookieIsRefused() {
        Api.Reply mine = RefreshCookies.login(Users.newUser());
        Api.Reply theirs = RefreshCookies.login(Users.newUser());
        String userId = mine.json().getJsonObject("user").getString("id");

        Api.Reply reply = RefreshCookies.post("/api/v1/auth/logout/" + userId, RefreshCookies.of(theirs).value(),
                mine.json().getString("token"));

        assertProblem(reply, 403);
        assertTrue(reply.headers().allValues("Set-Cookie").isEmpty(), "the cookie is not cleared");
        assertEquals(200, Api.get(Paths.ME, mine.json().getString("token")).status(), "my session lives on");
        assertEquals(200, Api.get(Paths.ME, theirs.json().getString("token")).status(), "theirs too");
        assertEquals(200, RefreshCookies.post("/api/v1/auth/logout/" + userId, RefreshCookies.of(mine).value(),
                mine.json().getString("token")).status(), "with my own cookie it works");
        assertEquals(401, Api.get(Paths.ME, mine.json().getString("token")).status());
    }

    @Test
    @DisplayName("Issue 14.13: a cross-site form post to login, registration or reset is refused (login CSRF)")
    void crossSiteFormPostsAreRefused() {
        String email = Users.newUser();
        Api.Reply login = form(Paths.LOGIN, "email=" + encode(email) + "&password=" + encode(Users.PASSWORD));
        assertProblem(login, 403);
        assertTrue(login.headers().allValues("Set-Cookie").isEmpty(), "no session for the victim's browser");

        String fresh = Users.newEmail();
        assertProblem(form(Paths.REGISTER, "name=N&email=" + encode(fresh) + "&password=" + encode(Users.PASSWORD)
                + "&confirm_password=" + encode(Users.PASSWORD)), 403);
        assertEquals(0, Database.count("select count(*) from users where email = ?", fresh));
        assertProblem(form(Paths.RESET, "email=" + encode(email)), 403);
        assertProblem(Api.send(Api.request(Paths.UPDATE).header("Origin", EVIL)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}"))), 403);

        assertEquals(200, Api.send(Api.request(Paths.LOGIN).header("Origin", Api.BASE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + encode(email) + "&password=" + encode(Users.PASSWORD))))
                .status(), "the service's own pages may post");
        assertEquals(200, Api.send(Api.request(Paths.LOGIN).header("Origin", "https://app.example.test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("email", email, "password", Users.PASSWORD).build().toString())))
                .status(), "an origin of CORS_ORIGINS may call");
    }

    @Test
    @DisplayName("Issue 14.14: an X-Forwarded-For from a trusted proxy that is not an IP literal is ignored, never a 500")
    void longOrBogusForwardedAddressesAreIgnored() throws Exception {
        String email = Users.newUser();
        for (String bogus : new String[] {"1".repeat(70), "a:".repeat(100), "2001:db8::1:" + "f".repeat(60),
                "999.1.1.1", "::1%eth0", "<script>"}) {
            Api.actAs(bogus);
            Api.Reply login = Api.post(Paths.LOGIN, json("email", email, "password", Users.PASSWORD));
            assertEquals(200, login.status(), bogus + ": " + login.text());
            assertEquals("127.0.0.1", Database.value("select ip from sessions where id = ?::uuid",
                    Users.sid(login.json().getString("token"))).orElseThrow(), "the proxy's own address instead");
        }
        // The reset request's throttle key held 200 characters of it before (a 500); two tries are enough.
        for (String bogus : new String[] {"1".repeat(200), "f:".repeat(100)}) {
            Api.actAs(bogus);
            assertEquals(200, Api.post(Paths.RESET, json("email", email)).status(), bogus);
        }
    }

    /**
     * A balancer's {@code option forwardfor} (HAProxy) adds an X-Forwarded-For line of its own after the one the
     * client wrote. Every line counts, in order: reading the first alone believed the address the client made up.
     */
    @Test
    void everyForwardedForLineIsReadSoTheProxysOwnLineCounts() {
        String email = Users.newUser();
        Api.Reply login = Api.send(Api.request(Paths.LOGIN)
                .setHeader("X-Forwarded-For", "198.51.100.66")            // written by the client
                .header("X-Forwarded-For", Api.clientAddress())           // added by the trusted proxy
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        json("email", email, "password", Users.PASSWORD).build().toString())));

        assertEquals(200, login.status(), login.text());
        assertEquals(Api.clientAddress(), Database.value("select ip from sessions where id = ?::uuid",
                Users.sid(login.json().getString("token"))).orElseThrow());
    }

    private static Api.Reply form(String path, String body) {
        return Api.send(Api.request(path).header("Origin", EVIL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
