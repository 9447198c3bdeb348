package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WAR built for Payara, deployed unchanged on WildFly 39 (Hibernate instead of EclipseLink, RESTEasy instead of
 * Jersey, SmallRye JWT instead of Payara's MP-JWT): the smoke flow of the contract, its error bodies, health and
 * OpenAPI. WildFly is booted once for this class, on a database of its own.
 */
class WildFlyIT {

    private static final String BASE = WildFly.BASE;
    private static WildFly wildFly;

    @BeforeAll
    static void start() throws Exception {
        wildFly = WildFly.start();
    }

    @AfterAll
    static void stop() {
        if (wildFly != null) {
            wildFly.stop();
        }
    }

    @Test
    void registerVerifyLoginMeRefreshLogout() {
        String email = Users.newEmail();

        Api.Reply registered = Api.post(BASE + Paths.REGISTER, json("name", "Wild Fly", "email", email,
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD));
        assertEquals(201, registered.status(), registered.text());
        JsonObject user = registered.json().getJsonObject("user");
        assertEquals(Set.of("id", "name", "email", "email_verified_at"), user.keySet());
        assertEquals(1, WildFly.count("select count(*) from users where email = ?", email));

        String token = Mailbox.last(email, 1).token(BASE, Paths.VERIFY_LINK);
        Api.Reply verified = Api.patch(BASE + Paths.VERIFY, json("token", token));
        assertEquals(200, verified.status(), verified.text());
        assertFalse(verified.json().getJsonObject("user").isNull("email_verified_at"));

        Api.Reply login = Api.post(BASE + Paths.LOGIN, json("email", email, "password", Users.PASSWORD));
        assertEquals(200, login.status(), login.text());
        assertEquals(Set.of("token", "expires_in", "user"), login.json().keySet());
        RefreshCookies.SetCookie cookie = RefreshCookies.of(login);
        assertEquals("/api/v1/auth", cookie.attribute("Path"));
        assertEquals("", cookie.attribute("HttpOnly"));
        assertEquals("", cookie.attribute("Secure"));
        assertEquals("Strict", cookie.attribute("SameSite"));

        Api.Reply me = Api.get(BASE + Paths.ME, login.json().getString("token"));
        assertEquals(200, me.status(), me.text());
        assertEquals(user.getString("id"), me.json().getJsonObject("user").getString("id"));
        Api.Reply lowerCase = Api.send(Api.request(BASE + Paths.ME)
                .header("Authorization", "bearer " + login.json().getString("token")).GET());
        assertEquals(200, lowerCase.status(), "issue 14.16: the scheme is case-insensitive on WildFly too");

        Api.Reply refreshed = refresh(cookie.value());
        assertEquals(200, refreshed.status(), refreshed.text());
        String rotated = RefreshCookies.of(refreshed).value();
        assertNotEquals(cookie.value(), rotated);
        String accessToken = refreshed.json().getString("token");
        assertEquals(200, Api.get(BASE + Paths.ME, accessToken).status());

        Api.Reply logout = RefreshCookies.post(BASE + "/api/v1/auth/logout", rotated, accessToken);
        assertEquals(200, logout.status(), logout.text());
        assertEquals("Logged out", logout.json().getString("message"));
        assertEquals("0", RefreshCookies.of(logout).attribute("Max-Age"));

        assertProblem(refresh(rotated), 401);
        assertProblem(Api.get(BASE + Paths.ME, accessToken), 401);
        assertEquals(1, WildFly.count("select count(*) from sessions s join users u on u.id = s.user_id "
                + "where u.email = ? and s.revoked_at is not null", email));
        assertEquals(1, WildFly.count("select count(*) from audit_events a join users u on u.id = a.user_id "
                + "where u.email = ? and a.kind = 'LOGOUT' and a.client_address = '127.0.0.1' "
                + "and a.user_agent like 'Java-http-client%'", email));
    }

    @Test
    void badInputGetsProblemBodiesAsOnPayara() {
        assertProblem(Api.post(BASE + Paths.LOGIN, "application/json", "{\"email\":".getBytes()), 400);
        assertProblem(Api.post(BASE + Paths.LOGIN, json("email", Users.newEmail(), "password", "wrong")), 401);
        assertProblem(Api.get(BASE + Paths.ME, "not.a.token"), 401);
        assertProblem(Api.get(BASE + Paths.ME), 401);
        assertProblem(Api.get(BASE + "/api/v1/no/such/thing"), 404);
        assertProblem(Api.send("DELETE", BASE + Paths.LOGIN, Map.of()), 405);
        Problems.assertInvalid(Api.post(BASE + Paths.REGISTER, json("email", "not an address")),
                "name", "email", "password");
    }

    @Test
    void signInByEmailedCodeIsOffUnlessTheOperatorTurnsItOn() {
        Api.Reply status = Api.get(BASE + Paths.LOGIN_EMAIL);
        assertEquals(200, status.status(), status.text());
        assertEquals(false, status.json().getBoolean("enabled"));
        String email = Users.newEmail();
        assertProblem(Api.post(BASE + Paths.LOGIN_EMAIL, json("email", email)), 404);
        assertProblem(Api.post(BASE + Paths.LOGIN_EMAIL_VERIFY, json("email", email, "code", "123456")), 404);
        Mailbox.assertNoMore(email, 0);
    }

    @Test
    void healthOnTheManagementInterfaceAndOpenApi() {
        Api.Reply ready = Api.get(WildFly.MANAGEMENT + "/health/ready");
        assertEquals(200, ready.status(), ready.text());
        assertTrue(ready.text().contains("\"name\":\"latchkey\",\"status\":\"UP\""), ready.text());

        Api.Reply openApi = Api.get(BASE + "/openapi");
        assertEquals(200, openApi.status());
        for (String path : new String[] {"/api/v1/register/user:", "/api/v1/auth/login:", "/api/v1/auth/tokens/refresh:"}) {
            assertTrue(openApi.text().contains(path), path);
        }
    }

    /**
     * Issue 18: no request waits on mail delivery, on WildFly too (a registration there once took over 30 s while the
     * SMTP server was unreachable). With the mail server keeping each connection waiting longer than SMTP's timeouts,
     * then refusing connections, registrations are answered at once; their mails go, once each, when it is back.
     */
    @Test
    void registrationsDoNotWaitForAMailServerThatIsSlowOrDown() {
        List<String> emails = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        try {
            wildFly.mailServer().slow(Duration.ofSeconds(30));
            for (int i = 0; i < 8; i++) {
                if (i == 4) {
                    wildFly.mailServer().down();
                }
                String email = Users.newEmail();
                long begin = System.nanoTime();
                Api.Reply registered = Api.post(BASE + Paths.REGISTER, json("name", "Slow Mail", "email", email,
                        "password", Users.PASSWORD, "confirm_password", Users.PASSWORD));
                millis.add((System.nanoTime() - begin) / 1_000_000);
                assertEquals(201, registered.status(), registered.text());
                emails.add(email);
                Mailbox.sleep(Duration.ofMillis(1500));   // the relay is busy with the mail before
            }
        } finally {
            wildFly.mailServer().slow(Duration.ZERO);
            wildFly.mailServer().up();
        }
        assertTrue(millis.stream().allMatch(ms -> ms < 3000), "registrations waited: " + millis + " ms");
        for (String email : emails) {
            Mailbox.await(email, 1);
        }
        Mailbox.assertNoMore(1, emails.toArray(String[]::new));
    }

    private static Api.Reply refresh(String cookie) {
        return Api.send(Api.request(BASE + Paths.REFRESH).header("Cookie", "refresh_cookie=" + cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
