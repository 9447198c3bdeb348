package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    @DisplayName("Issue 14.17: the root directory that holds domain.xml, with the database password, is private to the service's user")
    void theRootDirectoryIsPrivate() throws IOException {
        SecondInstance.shared();
        java.nio.file.Path root = java.nio.file.Path.of("target/payara-second");
        assertTrue(java.nio.file.Files.readString(root.resolve("config/domain.xml")).contains("latchkey-pool"));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(root)));
    }

    @Test
    @DisplayName("Issue 14.6: 40 clients sending a login body a byte every 2 s neither take the service down nor hold on: 503 or 408 within 12 s")
    void slowBodiesAreCutOff() throws Exception {
        int port = Integer.getInteger("it.http.port", 18080);
        ExecutorService clients = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(clients.submit(() -> slowLogin(port)));
            }
            Thread.sleep(1000);
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertEquals(200, Api.send(Api.request("/health/live").timeout(Duration.ofSeconds(3))).status());
                assertTrue(System.nanoTime() - start < 1_000_000_000L, "liveness answers at once during the attack");
                Thread.sleep(1000);
            }
            for (Future<String> answer : answers) {
                String statusLine = answer.get(30, TimeUnit.SECONDS);
                assertTrue(statusLine.startsWith("HTTP/1.1 503") || statusLine.startsWith("HTTP/1.1 408"), statusLine);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** A login whose body trickles in a byte every 2 s; the status line of the answer, and how long it took. */
    private static String slowLogin(int port) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            while (System.nanoTime() - start < 20_000_000_000L) {
                try {
                    String line = in.readLine();
                    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                    assertTrue(seconds <= 12, "answered after " + seconds + " s: " + line);
                    return line == null ? "closed" : line;
                } catch (SocketTimeoutException nothingYet) {
                    out.write(' ');
                    out.flush();
                }
            }
            return "still waiting after 20 s";
        }
    }

    @Test
    @DisplayName("Issue 14.10: production mode refuses to serve, and to relay mail, with SMTP credentials in clear,"
            + " SameSite=None or an http CORS origin, and readiness names each")
    void productionModeRefusesUnsafeSettings() throws IOException {
        long logStart = Files.size(Path.of("target/second-instance.log"));
        try {
            // Not with the data grid on: that would open an administration port on every interface of the CI machine.
            // The guard's data-grid finding is unit-tested (ProductionGuardTest) and was seen by hand (README).
            SecondInstance.restart(Map.ofEntries(Map.entry("LATCHKEY_PRODUCTION", "true"),
                    Map.entry("JWT_ISSUER", "https://auth.example.test"),
                    Map.entry("APP_FRONTEND_URL", "https://app.example.test"),
                    Map.entry("SMTP_HOST", "smtp.example.test"), Map.entry("SMTP_USER", "latchkey"),
                    Map.entry("SMTP_PASSWORD", "secret"), Map.entry("COOKIE_SAME_SITE", "None"),
                    Map.entry("CORS_ORIGINS", "https://app.example.test,http://plain.example.test"),
                    // The suite's providers are plain http (refused here), and one's discovery cannot succeed.
                    Map.entry("IDENTITY_PROVIDERS", "corp,other,gone"),
                    Map.entry("IDP_GONE_ISSUER", "https://127.0.0.1:1/gone"),
                    Map.entry("IDP_GONE_CLIENT_ID", "latchkey"),
                    Map.entry("IDP_GONE_CLIENT_SECRET", "suite-gone-secret")));
            assertEquals(Set.of(SecondInstance.PORT), ListeningSockets.ofProcessListeningOn(SecondInstance.PORT));

            assertEquals("{\"status\":\"DOWN\",\"checks\":[]}", Api.get(SecondInstance.BASE + "/health/ready").text(),
                    "the public sees no finding (issue 28.13)");
            Api.Reply ready = Api.operatorGet(SecondInstance.BASE + "/health/ready");
            assertEquals(503, ready.status(), ready.text());
            JsonObject latchkey = ready.json().getJsonArray("checks").getJsonObject(0);
            assertEquals("DOWN", latchkey.getString("status"));
            String refused = latchkey.getJsonObject("data").getString("refused");
            for (String finding : new String[] {"SMTP_STARTTLS", "COOKIE_SAME_SITE",
                    "CORS_ORIGINS lists http://plain.example.test"}) {
                assertTrue(refused.contains(finding), finding + " missing from: " + refused);
            }
            assertTrue(!refused.contains("JWT_ISSUER") && !refused.contains("app.example.test,"), refused);
            String providers = latchkey.getJsonObject("data").getString("identity-providers");
            for (String finding : new String[] {"IDP_CORP_ISSUER must be https in production mode",
                    "IDP_OTHER_ISSUER must be https in production mode", "discovery failed for gone"}) {
                assertTrue(providers.startsWith("DOWN: ") && providers.contains(finding), finding + ": " + providers);
            }
            assertTrue(Files.readString(Path.of("target/second-instance.log")).substring((int) logStart)
                    .contains("Identity provider refused: discovery failed for gone"), "a clear log line");

            Api.Reply refusedCall = Api.post(SecondInstance.BASE + Paths.REGISTER,
                    Api.json("name", "N", "email", Users.newEmail(), "password", Users.PASSWORD,
                            "confirm_password", Users.PASSWORD));
            JsonObject body = assertProblem(refusedCall, 503);
            assertTrue(body.getString("detail").contains("refuses to serve"), body.toString());
            assertEquals("max-age=31536000", refusedCall.header("Strict-Transport-Security"),
                    "HSTS, as the public URL is https (issue 14.15)");
            // Forty mails due in the shared outbox: the serving instance sends them all at the first try, the refusing
            // one takes none (it would fail them against its SMTP_HOST, which sends their credentials in clear).
            String recipient = Users.newEmail();
            for (int i = 0; i < 40; i++) {
                Database.update("insert into outbox_mails (id, recipient, subject, text_body, html_body, created_at,"
                        + " next_attempt_at, attempts) values (gen_random_uuid(), ?, 'Hello', 'text', '<p>html</p>', now(),"
                        + " now(), 0)", recipient);
            }
            Mailbox.await(recipient, 40);
            assertEquals(40, Database.count("select count(*) from outbox_mails where recipient = ? and attempts = 1"
                    + " and sent_at is not null", recipient), "no mail was tried by the refusing instance");
            assertTrue(!Files.readString(Path.of("target/second-instance.log")).substring((int) logStart)
                    .contains("Mail not sent"), "the refusing instance tried to relay mail");
        } finally {
            SecondInstance.restart(Map.of());
        }
    }
}
