package io.latchkey.it;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What operators do to a running service, done under load: two instances of the built WAR behind HAProxy (Debian's
 * package, on loopback), the steady traffic of {@link MixedLoad} on the balancer, and then a rolling restart, or a
 * {@code kill -9}. Counted as a user sees it: failed requests, sessions ended by a false reuse detection or a
 * refused access token, verification mails lost or sent twice.
 *
 * <p>The suite runs a short drill (a few users, seconds between steps); {@code ./mvnw verify -Pdrills} runs the
 * same drills longer (README, operations). Figures go to target/drills.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperationsDrillTests {

    static final int A = Integer.getInteger("it.http.port", 18080) + 2;
    static final int B = A + 1;
    static final int BALANCER = A + 2;
    static final int USERS = Integer.getInteger("drill.users", 6);
    static final Duration STEP = Duration.parse(System.getProperty("drill.step", "PT6S"));

    /**
     * As the suite's own instance, but trusting the balancer (and the drill's clients, on the same loopback address)
     * for X-Forwarded-For, and draining for two seconds: four health checks of the balancer.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "TRUSTED_PROXIES", "127.0.0.1",
            "SHUTDOWN_DRAIN_DELAY", "PT2S");

    private final Instance[] instances = new Instance[2];
    private LoadBalancer balancer;

    /**
     * Restart A, let it take traffic, restart B, as a release does: no request fails, no session ends, every mail
     * goes once. Each instance drains on SIGTERM, so the balancer stops sending it requests before its port closes.
     */
    @Test
    void aRollingRestartUnderLoadFailsNoRequestEndsNoSessionAndLosesNoMail() {
        running();
        MixedLoad load = MixedLoad.start(balancer.base(), USERS);
        Mailbox.sleep(STEP);
        Instant began = Instant.now();
        for (int i = 0; i < instances.length; i++) {
            Instance stopping = instances[i];
            instances[i] = null;
            assertEquals(0, stopping.terminate(), "the exit status of a graceful stop");
            balancer.await(stopping.port(), "DOWN", Duration.ofSeconds(5));
            instances[i] = Instance.start(stopping.name(), stopping.port(), SETTINGS);
            balancer.await(stopping.port(), "UP", Duration.ofSeconds(10));
            Mailbox.sleep(STEP);
        }
        Duration restarts = Duration.between(began, Instant.now());
        MixedLoad.Tally tally = load.stop();
        MixedLoad.Mails mails = MixedLoad.Mails.of(tally.registered(), Duration.ofSeconds(60));
        report("rolling restart", USERS, restarts, tally, mails);

        assertTrue(tally.answered() > 20L * USERS, "the load ran: " + tally.summary());
        assertTrue(tally.registered().size() >= USERS, "registrations were made: " + tally.summary());
        assertEquals(0, tally.failed(), tally.summary());
        assertEquals(0, tally.falseReuses(), tally.summary());
        assertEquals(0, tally.surpriseLogouts(), tally.summary());
        assertEquals(new MixedLoad.Mails(tally.registered().size(), 0, 0), mails);
    }

    /**
     * {@code kill -9} of one instance: the balancer takes it out and sends everything to the other. Only requests
     * the killed instance was answering may fail (each user has at most one in flight); what it committed is there
     * (registrations it answered get their mail, from the other instance if need be: a mail it held is released with
     * its connection), and sessions it rotated go on refreshing on the other.
     */
    @Test
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
        assertEquals(0, tally.falseReuses(), tally.summary());
        assertEquals(0, tally.surpriseLogouts(), tally.summary());
        assertEquals(0, mails.lost(), mails.toString());
        // A mail the SMTP server accepted just before the kill, its row not yet marked sent, goes again: at most once.
        assertTrue(mails.duplicated() <= 1, mails.toString());
    }

    /** Both instances serving and the balancer seeing them so; starts whatever an earlier drill stopped. */
    private void running() {
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
