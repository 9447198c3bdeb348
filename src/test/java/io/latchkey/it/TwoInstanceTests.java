package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertProblem;
import static io.latchkey.it.support.RefreshCookies.login;
import static io.latchkey.it.support.RefreshCookies.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL, sharing no memory: tokens, logout, reuse detection and the outbox work across
 * them, and an instance that restarts keeps its users' sessions.
 */
abstract class TwoInstanceTests {

    static final String A = Api.BASE;
    static final String B = SecondInstance.BASE;

    @BeforeEach
    void secondInstance() {
        SecondInstance.shared();
    }

    /** On Payara the key set file wins over MP_JWT_VERIFY_PUBLICKEY_LOCATION, which this instance sets to its URL. */
    @Test
    void theSecondInstanceVerifiesWithItsKeySetFileNotItsOwnUrl() throws IOException {
        Path keySet = Path.of("target/payara-second/latchkey-jwks.json").toAbsolutePath();

        String log = Files.readString(Path.of("target/second-instance.log"));

        assertTrue(log.contains("MicroProfile JWT verifies access tokens with the key set at " + keySet.toUri()),
                "the instance's log names another key set");
        assertEquals(Api.get(B + "/.well-known/jwks.json").json(),
                Json.createReader(new StringReader(Files.readString(keySet))).readObject());
    }

    @Test
    void tokensAndCookiesFromOneInstanceWorkOnTheOther() {
        String email = Users.newUser();
        Api.Reply onA = login(email);

        assertEquals(200, Api.get(B + Paths.ME, onA.json().getString("token")).status());
        Api.Reply onB = refresh(B, RefreshCookies.of(onA).value());
        assertEquals(200, onB.status(), onB.text());
        assertEquals(200, Api.get(A + Paths.ME, onB.json().getString("token")).status());
        assertEquals(200, refresh(A, RefreshCookies.of(onB).value()).status());
    }

    @Test
    void logoutOnOneInstanceIsHonouredByTheOther() {
        Api.Reply onA = login(Users.newUser());
        String cookie = RefreshCookies.of(onA).value();

        assertEquals(200, post(B + "/api/v1/auth/logout", cookie, null).status());

        assertProblem(refresh(A, cookie), 401);
        assertProblem(Api.get(A + Paths.ME, onA.json().getString("token")), 401);
    }

    /**
     * Each instance keeps the sessions it read live (authentication.control.LiveCallers) and hears of every change
     * through PostgreSQL's NOTIFY. An ending committed through B reaches the session A keeps within a second,
     * measured from B's answer to A's first refusal; a change of the user (a name) likewise. An ending written with
     * the triggers switched off is what no notification covers: A answers from what it keeps, which shows that these
     * sessions were kept (and that the notifications, not a read, ended them).
     */
    @Test
    void anEndingThroughOneInstanceReachesTheSessionsTheOtherKeepsWithinASecond() throws Exception {
        List<Double> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Reply onA = login(Users.newUser());
            String token = Revocations.keptBy(A, onA.json().getString("token"));

            assertEquals(200, post(B + "/api/v1/auth/logout", RefreshCookies.of(onA).value(), null).status());
            delays.add(Revocations.secondsUntilRefused(A + Paths.ME, token, System.nanoTime()));
        }
        String email = Users.newUser();
        String keptOnA = Revocations.keptBy(A, Users.login(email, Users.PASSWORD).getString("token"));
        String changer = Users.login(email, Users.PASSWORD).getString("token");
        Api.Reply changed = Api.patch(B + Paths.CHANGE_PASSWORD, changer, json("current_password", Users.PASSWORD,
                "password", Users.OTHER_PASSWORD, "confirm_password", Users.OTHER_PASSWORD));
        assertEquals(200, changed.status(), changed.text());
        delays.add(Revocations.secondsUntilRefused(A + Paths.ME, keptOnA, System.nanoTime()));

        String renamed = Revocations.keptBy(A, Users.login(Users.newUser(), Users.PASSWORD).getString("token"));
        assertEquals(200, Api.patch(B + Paths.ME, renamed, json("name", "Grace Hopper")).status());
        long sent = System.nanoTime();
        while (!"Grace Hopper".equals(Api.get(A + Paths.ME, renamed).json().getJsonObject("user").getString("name", ""))) {
            assertTrue(System.nanoTime() - sent < 1_000_000_000L, "A still answers the old name a second later");
            Thread.sleep(5);
        }
        delays.add((System.nanoTime() - sent) / 1e9);

        String untold = Revocations.keptBy(A, login(Users.newUser()).json().getString("token"));
        Database.update("do $$ begin set local session_replication_role = replica; update sessions"
                + " set revoked_at = now() where id = '" + sessionId(untold) + "'; end $$");
        assertEquals(200, Api.get(A + Paths.ME, untold).status(), "A answers from what it keeps, as nothing told it");
        assertEquals(401, Api.get(B + Paths.ME, untold).status(), "B, which keeps nothing of it, reads the ending");

        Files.writeString(Path.of("target/revocation-delays.txt"), delays.stream()
                .map(seconds -> String.format(java.util.Locale.ROOT, "%.3f", seconds))
                .collect(java.util.stream.Collectors.joining(" ", "seconds from the change on B to A's answer: ", "\n")));
        assertTrue(delays.stream().allMatch(seconds -> seconds < 1.0), "delays " + delays);
    }

    private static String sessionId(String token) throws java.text.ParseException {
        return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
    }

    @Test
    void reuseIsDetectedAcrossInstances() throws Exception {
        Api.Reply onA = login(Users.newUser());
        String stolen = RefreshCookies.of(onA).value();
        String current = RefreshCookies.of(refresh(A, stolen)).value();
        Thread.sleep(RefreshCookies.REUSE_INTERVAL.plusMillis(500).toMillis());

        assertProblem(refresh(B, stolen), 401);
        assertProblem(refresh(A, current), 401);
    }

    @Test
    void eachMailIsSentOnceThoughBothInstancesRelay() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String email = Users.newEmail();
            String base = i % 2 == 0 ? A : B;
            int created = base.equals(A) ? 201 : 202; // B conceals existing accounts: it answers 202 to all
            assertEquals(created, Api.post(base + Paths.REGISTER, json("name", "Two", "email", email,
                    "password", Users.PASSWORD, "confirm_password", Users.PASSWORD)).status());
            emails.add(email);
        }
        for (String email : emails) {
            Mailbox.await(email, 1);
        }
        Mailbox.assertNoMore(1, emails.toArray(String[]::new));
    }

    /**
     * While an instance starts, whoever calls it sees a closed port until the application is deployed, then only the
     * application's answers: never the 404, 503 and 500 pages (HTML or empty) Payara answers while it loads an
     * application, for seconds with the port open from boot (issue 18; this test saw 404 text/html then). Afterwards
     * the tokens and cookies the instance gave before the restart still work.
     */
    @Test
    void anInstanceThatRestartsOpensItsPortOnlyWithItsApplicationAndKeepsItsTokens() throws Exception {
        Api.Reply beforeRestart = Users.loginOn(B, Users.newUser());
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(2)).build();
            while (!restarted.get()) {
                for (String path : List.of("/health/ready", Paths.ME)) {
                    try {
                        java.net.http.HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                                java.net.URI.create(B + path)).timeout(java.time.Duration.ofSeconds(5)).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        answers.add(path + " " + answer.statusCode() + " "
                                + answer.headers().firstValue("Content-Type").orElse("none")
                                + (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isEmpty()
                                ? " no Retry-After" : ""));
                    } catch (IOException closed) {
                        // the port is not open yet
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                Mailbox.sleep(java.time.Duration.ofMillis(20));
            }
        });
        caller.start();
        SecondInstance.restart(java.util.Map.of());
        Mailbox.sleep(java.time.Duration.ofMillis(500));
        restarted.set(true);
        caller.join();

        assertTrue(answers.size() > 2, "the caller saw the instance answer: " + answers);
        assertEquals(List.of(), answers.stream().filter(a -> a.contains(" 404 ") || a.contains(" 500 ")
                || !a.contains(" application/json") && !a.contains(" application/problem+json")
                || a.endsWith(" no Retry-After") && !a.startsWith("/health/")).distinct().toList(),
                "answers of a server without the application");
        assertTrue(answers.contains("/api/v1/auth/me 401 application/problem+json"), answers.toString());
        assertEquals(200, Api.get(B + Paths.ME, beforeRestart.json().getString("token")).status());
        Api.Reply afterRestart = refresh(B, RefreshCookies.of(beforeRestart).value());
        assertEquals(200, afterRestart.status(), afterRestart.text());
    }

    /** A ceremony begun on one instance ends on the other; a sign count moved on by one holds on the other. */
    @Test
    void passkeyChallengesAndSignCountsHoldAcrossInstances() {
        String email = Users.newEmail();
        Users.register(email);
        String token = Users.login(email, Users.PASSWORD).getString("token");
        JsonObject options = Api.post(A + PasskeyTests.OPTIONS, token, json()).json();
        SoftwareAuthenticator key = new SoftwareAuthenticator(1);
        String handle = options.getJsonObject("user").getString("id");
        Api.Reply registered = PasskeyTests.postJson(B + PasskeyTests.REGISTER, token,
                key.register(options, A, PasskeyTests.RP_ID));
        assertEquals(201, registered.status(), registered.text());

        String challenge = Api.post(B + PasskeyTests.SIGN_IN_OPTIONS, json()).json().getString("challenge");
        String assertion = key.assertion(challenge, A, PasskeyTests.RP_ID, handle, PasskeyTests.UP_UV, 7);
        Api.Reply onA = PasskeyTests.postJson(A + PasskeyTests.SIGN_IN, null, assertion);
        assertEquals(200, onA.status(), onA.text());
        assertProblem(PasskeyTests.postJson(B + PasskeyTests.SIGN_IN, null, assertion), 401);

        String other = Api.post(A + PasskeyTests.SIGN_IN_OPTIONS, json()).json().getString("challenge");
        assertProblem(PasskeyTests.postJson(B + PasskeyTests.SIGN_IN, null,
                key.assertion(other, A, PasskeyTests.RP_ID, handle, PasskeyTests.UP_UV, 7)), 401);
        String last = Api.post(A + PasskeyTests.SIGN_IN_OPTIONS, json()).json().getString("challenge");
        assertEquals(200, PasskeyTests.postJson(B + PasskeyTests.SIGN_IN, null,
                key.assertion(last, A, PasskeyTests.RP_ID, handle, PasskeyTests.UP_UV, 8)).status());
    }

    /**
     * SIGTERM under load, as a rolling restart sends it: readiness is DOWN at once, every request is answered (200)
     * while the instance drains for SHUTDOWN_DRAIN_DELAY (2 s here), then the port closes and the process exits, 0.
     */
    @Test
    void aSigtermTakesTheInstanceOutOfRotationBeforeItStops() throws Exception {
        String token = Users.loginOn(B, Users.newUser()).json().getString("token");
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Thread load = new Thread(() -> {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            while (!closed.get()) {
                try {
                    int status = client.send(HttpRequest.newBuilder(java.net.URI.create(B + Paths.ME))
                            .header("Authorization", "Bearer " + token).timeout(java.time.Duration.ofSeconds(10))
                            .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        served.incrementAndGet();
                    } else {
                        failures.add("status " + status);
                    }
                } catch (java.net.ConnectException refused) {
                    closed.set(true); // the port is closed: the instance is gone
                } catch (IOException broken) {
                    failures.add(broken.toString());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        load.start();
        Mailbox.sleep(java.time.Duration.ofMillis(500));
        long signalled = System.nanoTime();
        Process process = SecondInstance.terminateShared();

        Api.Reply readiness = Api.operatorGet(B + "/health/ready");
        while (readiness.status() == 200 && System.nanoTime() - signalled < 5_000_000_000L) {
            readiness = Api.operatorGet(B + "/health/ready");
        }
        double downAfter = (System.nanoTime() - signalled) / 1e9;
        int servedWhenDown = served.get();
        assertEquals(503, readiness.status(), readiness.text());
        assertTrue(readiness.text().contains("stopping"), readiness.text());
        assertTrue(downAfter < 1.0, "readiness DOWN " + downAfter + " s after SIGTERM");
        assertEquals("close", Api.get(B + Paths.ME, token).header("Connection"),
                "while draining, clients are asked to reconnect (and a balancer to go elsewhere)");
        Mailbox.sleep(java.time.Duration.ofMillis(1000));
        assertTrue(served.get() > servedWhenDown, "still serving while draining");

        assertTrue(process.waitFor(25, java.util.concurrent.TimeUnit.SECONDS), "the process exits");
        double goneAfter = (System.nanoTime() - signalled) / 1e9;
        assertEquals(0, process.exitValue());
        assertTrue(goneAfter >= 2.0, "not before the drain delay: " + goneAfter + " s");
        closed.set(true);
        load.join();
        assertEquals(List.of(), failures, "requests not answered while the instance stopped");
    }

    static Api.Reply refresh(String base, String cookie) {
        return Api.send(Api.request(base + Paths.REFRESH).header("Cookie", "refresh_cookie=" + cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
