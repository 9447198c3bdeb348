package io.latchkey.it;

import static io.latchkey.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the server exposes besides the API (issue 14): no data grid listener (Payara's takes asadmin commands from
 * anyone who joins it), and production mode refusing to serve while such a listener or an unsafe setting is in
 * force.
 */
abstract class ExposureSecurityTests {

    @Test
    @DisplayName("Issue 14.1: each Payara Micro of the suite listens on its HTTP port and nothing else (no data grid)")
    void theServerListensOnItsHttpPortOnly() {
        SecondInstance.shared();
        int port = Integer.getInteger("it.http.port", 18080);

        assertEquals(Set.of(port), ListeningSockets.ofProcessListeningOn(port), "the Arquillian instance");
        assertEquals(Set.of(SecondInstance.PORT), ListeningSockets.ofProcessListeningOn(SecondInstance.PORT),
                "the second instance, started as production starts it");
    }

    @Test
    @DisplayName("Issue 14.1, 14.10: production mode refuses to serve with a data grid listener, SMTP credentials"
            + " in clear, SameSite=None or an http CORS origin, and readiness names each")
    void productionModeRefusesUnsafeSettings() {
        try {
            SecondInstance.restartWithDataGrid(Map.of("LATCHKEY_PRODUCTION", "true",
                    "JWT_ISSUER", "https://auth.example.test", "APP_FRONTEND_URL", "https://app.example.test",
                    "SMTP_HOST", "smtp.example.test", "SMTP_USER", "latchkey", "SMTP_PASSWORD", "secret",
                    "COOKIE_SAME_SITE", "None",
                    "CORS_ORIGINS", "https://app.example.test,http://plain.example.test"));
            assertTrue(ListeningSockets.ofProcessListeningOn(SecondInstance.PORT).size() > 1,
                    "the data grid listens, as Payara Micro has it by default");

            Api.Reply ready = Api.get(SecondInstance.BASE + "/health/ready");
            assertEquals(503, ready.status(), ready.text());
            JsonObject latchkey = ready.json().getJsonArray("checks").getJsonObject(0);
            assertEquals("DOWN", latchkey.getString("status"));
            String refused = latchkey.getJsonObject("data").getString("refused");
            for (String finding : new String[] {"data grid member listening on", "SMTP_STARTTLS", "COOKIE_SAME_SITE",
                    "CORS_ORIGINS lists http://plain.example.test"}) {
                assertTrue(refused.contains(finding), finding + " missing from: " + refused);
            }
            assertTrue(!refused.contains("JWT_ISSUER") && !refused.contains("app.example.test,"), refused);

            JsonObject body = assertProblem(Api.post(SecondInstance.BASE + RegistrationTests.PATH,
                    Api.json("name", "N", "email", Users.newEmail(), "password", Users.PASSWORD,
                            "confirm_password", Users.PASSWORD)), 503);
            assertTrue(body.getString("detail").contains("refuses to serve"), body.toString());
        } finally {
            SecondInstance.restart(Map.of());
        }
    }
}
