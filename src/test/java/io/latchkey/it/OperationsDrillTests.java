package io.latchkey.it;

import io.latchkey.it.support.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;

/**
 * What happens to a running service, done under load: two instances of the built WAR behind HAProxy (Debian's
 * package, on loopback), their mail through a {@link SmtpGate}, the steady traffic of {@link MixedLoad} on the
 * balancer, and then a rolling restart, a database restart, the mail server down or slow, a soak, a {@code kill -9}.
 * Counted as a user sees it: failed requests, sessions ended by a false reuse detection or a refused access token,
 * verification mails lost or sent twice.
 *
 * <p>The suite runs short drills (a few users, seconds between steps); {@code ./mvnw verify -Pdrills} runs the same
 * drills longer (README, Operations). Figures go to target/drills.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OperationsDrillTests {

    static final int A = Integer.getInteger("it.http.port", 18080) + 2;
    static final int B = A + 1;
    static final int BALANCER = A + 2;
    static final int SMTP = A + 3;
    static final int USERS = Integer.getInteger("drill.users", 6);
    /** Load between the steps of a drill. */
    static final Duration STEP = Duration.parse(System.getProperty("drill.step", "PT4S"));
    /** How long a dependency stays down (the database, the mail server), or slow (the mail server). */
    static final Duration OUTAGE = Duration.parse(System.getProperty("drill.outage", "PT4S"));
    /** How long each connection to a slow mail server waits for its greeting. */
    static final Duration SLOW_MAIL = Duration.parse(System.getProperty("drill.slow-mail", "PT30S"));
    static final Duration SOAK = Duration.parse(System.getProperty("drill.soak", "PT10S"));
    /** No request may wait on mail: with SMTP's 10 s timeouts, one that did would take longer than this. */
    static final double SLOWEST_MILLIS = 5000;

    /**
     * As the suite's own instance, but trusting the balancer (and the drill's clients, on the same loopback address)
     * for X-Forwarded-For, draining for two seconds (four health checks of the balancer), mail through the gate, and
     * a per-address login limit the load's pace cannot reach (a user signs in every tenth round, up to 40 times a
     * minute on a quick machine; the suite's limit is 20): the drills measure operations, not the throttle.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "TRUSTED_PROXIES", "127.0.0.1",
            "THROTTLE_LOGIN_IP_LIMIT", "1000",
            "SHUTDOWN_DRAIN_DELAY", "PT2S",
            "SMTP_PORT", String.valueOf(SMTP),
            // Retries up to 10 s apart, for 50 attempts: mails outlast the drills' outages and go within seconds of
            // the mail server's return. (The suite's 2 s and the default 10 attempts gave up after 20 s: a two-minute
            // outage lost 49 mails of 1,198 that way. The defaults, 5 s doubling to 15 min, span hours.)
            "OUTBOX_RETRY_MAX", "PT10S",
            "OUTBOX_MAX_ATTEMPTS", "50");

    private final Instance[] instances = new Instance[2];
    private LoadBalancer balancer;
    private SmtpGate mailServer;

    /**
     * Restart A, let it take traffic, restart B, as a release does: no request fails, no session ends, every mail
     * goes once. Each instance drains on SIGTERM, so the balancer stops sending it requests before its port closes,
     * and its outbox relay finishes the mail it is sending (each takes a second here) before the process exits.
     */
    @Test
    @Order(1)
    void aRollingRestartUnderLoadFailsNoRequestEndsNoSessionAndLosesNoMail() {
        running();
        MixedLoad load = MixedLoad.start(balancer.base(), USERS);
        Mailbox.sleep(STEP);
        Instant began = Instant.now();
        // Each mail takes a second, so that the instances are sending one when they are told to stop.
        mailServer.slow(Duration.ofSeconds(1));
        for (int i = 0; i < instances.length; i++) {
            Instance stopping = instances[i];
            instances[i] = null;
            assertTrue(mailServer.awaitSession(Duration.ofSeconds(10)), "a mail is being sent");
            assertEquals(0, stopping.terminate(), "the exit status of a graceful stop");
            balancer.await(stopping.port(), "DOWN", Duration.ofSeconds(5));
            instances[i] = Instance.start(stopping.name(), stopping.port(), SETTINGS);
            balancer.await(stopping.port(), "UP", Duration.ofSeconds(10));
            Mailbox.sleep(STEP);
        }
        Duration restarts = Duration.between(began, Instant.now());
        mailServer.slow(Duration.ZERO);
        MixedLoad.Tally tally = load.stop();
        MixedLoad.Mails mails = MixedLoad.Mails.of(tally.registered(), Duration.ofSeconds(60));
        report("rolling restart", USERS, restarts, tally, mails);

        assertNothingFailed(tally);
        assertEquals(0, tally.unavailable(), tally.summary());
        assertEquals(MixedLoad.Mails.exactlyOnce(tally.registered()), mails);
    }

    /**
     * PostgreSQL stopped under load and started again: while it is down every request is answered at once, a 503
     * problem with Retry-After (from the instances, or from the balancer once their readiness is DOWN), never a 500
     * or a broken connection, never after a wait (EclipseLink's own retries made requests hang 10 s); afterwards both
     * instances serve again by themselves, no session was lost and every mail arrives, as one message.
     */
    @Test
    @Order(2)
    void aDatabaseRestartUnderLoadIsA503UntilItIsBackAndLosesNothing() {
        running();
        MixedLoad load = MixedLoad.start(balancer.base(), USERS);
        Mailbox.sleep(STEP);
        TestServices.stopDatabase();
        Mailbox.sleep(OUTAGE);
        TestServices.startDatabase();
        Instant restarted = Instant.now();
        balancer.await(A, "UP", Duration.ofSeconds(60));
        balancer.await(B, "UP", Duration.ofSeconds(60));
        Duration recovery = Duration.between(restarted, Instant.now());
        Mailbox.sleep(STEP);
        MixedLoad.Tally tally = load.stop();
        MixedLoad.Mails mails = MixedLoad.Mails.of(tally.registered(), Duration.ofSeconds(60));
        report("database restart (outage " + OUTAGE + ")", USERS, recovery, tally, mails);

        assertNothingFailed(tally);
        assertTrue(tally.unavailable() > 0, "the outage was seen: " + tally.summary());
        assertTrue(tally.latencyMillis(1) < SLOWEST_MILLIS, "a request waited for the database: " + tally.summary());
        assertAtLeastOnceAsOneMessage(mails);
        for (String name : List.of("drill-a", "drill-b")) {
            assertHearsSessionChangesAgain(Path.of("target/" + name + "-instance.log"));
        }
    }

    /**
     * Each instance stopped keeping sessions when its listening connection failed with the database, and listens
     * (and keeps) again once the database is back: the log says so, in that order.
     */
    private static void assertHearsSessionChangesAgain(Path log) {
        Instant until = Instant.now().plusSeconds(10);
        String text = read(log);
        while (text.lastIndexOf("Hearing session changes again") < text.lastIndexOf("Not hearing session changes")
                && Instant.now().isBefore(until)) {
            Mailbox.sleep(Duration.ofMillis(200));
            text = read(log);
        }
        int deaf = text.lastIndexOf("Not hearing session changes");
        assertTrue(deaf >= 0, log + ": the failed connection was not noticed");
        assertTrue(text.lastIndexOf("Hearing session changes again") > deaf, log + ": not listening again");
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mail server down, then slow (each connection kept waiting for its greeting longer than SMTP's timeouts):
     * registrations are answered as quickly as ever, their mails wait in the outbox and go once the server is
     * back, each once.
     */
    @Test
    @Order(3)
    void aMailServerDownOrSlowDelaysMailsButNoRequest() {
        running();
        MixedLoad load = MixedLoad.start(balancer.base(), USERS);
        Mailbox.sleep(STEP);
        mailServer.down();
        Mailbox.sleep(OUTAGE);
        mailServer.up();
        mailServer.slow(SLOW_MAIL);
        Mailbox.sleep(OUTAGE);
        mailServer.slow(Duration.ZERO);
        Mailbox.sleep(STEP);
        MixedLoad.Tally tally = load.stop();
        Instant back = Instant.now();
        MixedLoad.Mails mails = MixedLoad.Mails.of(tally.registered(), Duration.ofSeconds(90));
        report("mail server down " + OUTAGE + ", then slow " + OUTAGE + " (" + SLOW_MAIL + " per connection)",
                USERS, Duration.between(back, Instant.now()), tally, mails);

        assertNothingFailed(tally);
        assertEquals(0, tally.unavailable(), tally.summary());
        assertTrue(tally.latencyMillis(1) < SLOWEST_MILLIS, "a request waited on mail: " + tally.summary());
        assertEquals(MixedLoad.Mails.exactlyOnce(tally.registered()), mails);
    }

    /**
     * Steady load for a while: no error, throughput steady, resident memory and the database's size bounded
     * (housekeeping deletes what has expired). The suite runs it for seconds; the drills profile for 30 minutes.
     */
    @Test
    @Order(4)
    void aSoakUnderSteadyLoadKeepsThroughputMemoryAndDatabaseSteady() {
        running();
        List<String> samples = new java.util.ArrayList<>();
        MixedLoad load = MixedLoad.start(balancer.base(), USERS);
        Instant end = Instant.now().plus(SOAK);
        samples.add(sample());
        while (Instant.now().isBefore(end)) {
            Mailbox.sleep(Duration.ofMillis(Math.min(Duration.between(Instant.now(), end).toMillis(), 60_000)));
            samples.add(sample());
        }
        MixedLoad.Tally tally = load.stop();
        MixedLoad.Mails mails = MixedLoad.Mails.of(tally.registered(), Duration.ofSeconds(60));
        report("soak " + SOAK + " per_minute=" + java.util.Arrays.toString(tally.perMinute()) + " samples="
                + samples, USERS, SOAK, tally, mails);

        assertNothingFailed(tally);
        assertEquals(0, tally.unavailable(), tally.summary());
        assertEquals(MixedLoad.Mails.exactlyOnce(tally.registered()), mails);
    }

    /**
     * None lost, none seen twice: a mail the SMTP server accepted just before the database went (or the instance
     * died), its sending not recorded, goes again, as the same message (one Message-ID).
     */
    private static void assertAtLeastOnceAsOneMessage(MixedLoad.Mails mails) {
        assertEquals(0, mails.lost(), mails.toString());
        assertEquals(0, mails.duplicated(), mails.toString());
        assertTrue(mails.resent() <= 2, mails.toString());
    }

    private void assertNothingFailed(MixedLoad.Tally tally) {
        assertTrue(tally.answered() > 10L * USERS, "the load ran: " + tally.summary());
        assertTrue(tally.registered().size() >= USERS, "registrations were made: " + tally.summary());
        assertEquals(0, tally.failed(), tally.summary());
        assertEquals(0, tally.falseReuses(), tally.summary());
        assertEquals(0, tally.surpriseLogouts(), tally.summary());
    }

    /** Resident memory of each instance (MiB) and the database's size (MiB), as a soak's figures. */
    private String sample() {
        StringBuilder line = new StringBuilder("{");
        for (Instance instance : instances) {
            line.append(instance.name()).append("_rss=").append(instance.residentMebibytes()).append(' ');
        }
        long bytes = Database.count("select pg_database_size(current_database())");
        return line.append("db=").append(bytes / (1024 * 1024)).append('}').toString();
    }

    /**
     * {@code kill -9} of one instance: the balancer takes it out and sends everything to the other. Only requests
     * the killed instance was answering may fail (each user has at most one in flight); what it committed is there
     * (registrations it answered get their mail, from the other instance if need be: a mail it held is released with
     * its connection), and sessions it rotated go on refreshing on the other.
     */
    @Test
    @Order(5)   // last: the others would start the killed instance again first
    void anInstanceKilledUnderLoadFailsOnlyTheRequestsItWasAnswering() {
        running();
        MixedLoad load = MixedLoad.start(balancer.base(), USERS);
        Mailbox.sleep(STEP);
        Instant killed = Instant.now();
        instances[0].kill();
        balancer.await(A, "DOWN", Duration.ofSeconds(5));
        Duration detected = Duration.between(killed, Instant.now());
        Mailbox.sleep(STEP);
        MixedLoad.Tally tally = load.stop();
        MixedLoad.Mails mails = MixedLoad.Mails.of(tally.registered(), Duration.ofSeconds(60));
        report("kill -9", USERS, detected, tally, mails);

        assertTrue(tally.failed() <= USERS, "more than the requests in flight failed: " + tally.summary());
        assertEquals(0, tally.unavailable(), tally.summary());
        assertEquals(0, tally.falseReuses(), tally.summary());
        assertEquals(0, tally.surpriseLogouts(), tally.summary());
        assertAtLeastOnceAsOneMessage(mails);
    }

    /** Both instances serving and the balancer seeing them so; starts whatever an earlier drill stopped. */
    private void running() {
        if (mailServer == null) {
            mailServer = SmtpGate.open(SMTP);
        }
        int[] ports = {A, B};
        for (int i = 0; i < instances.length; i++) {
            if (instances[i] == null || !instances[i].process().isAlive()) {
                instances[i] = Instance.start("drill-" + (char) ('a' + i), ports[i], SETTINGS);
            }
        }
        if (balancer == null) {
            balancer = LoadBalancer.start(BALANCER, List.of(A, B));
        }
        balancer.await(A, "UP", Duration.ofSeconds(10));
        balancer.await(B, "UP", Duration.ofSeconds(10));
    }

    @AfterAll
    void stopAll() {
        for (Instance instance : instances) {
            if (instance != null) {
                instance.terminate();
            }
        }
        if (balancer != null) {
            balancer.close();
        }
        if (mailServer != null) {
            mailServer.close();
        }
    }

    private static void report(String drill, int users, Duration took, MixedLoad.Tally tally, MixedLoad.Mails mails) {
        String line = Instant.now() + " " + drill + ": users=" + users + " step=" + STEP + " took=" + took
                + " " + tally.summary() + " " + mails + System.lineSeparator();
        System.out.print(line);
        try {
            Files.writeString(Path.of("target/drills.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
