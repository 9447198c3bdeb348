package io.latchkey.mail.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.runtime.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Retries of a queued mail: exponential backoff, capped, and a bounded number of tries. */
class OutboxMailTest {

    final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(1), 4);
    final TestClock clock = new TestClock();
    final OutboxMail mail = OutboxMail.queue(new Mail("ada@example.test", "Hello", "text", "<p>html</p>"), clock.instant());

    @Test
    void theBackoffDoublesFromTheBaseUpToTheCap() {
        List<Duration> delays = IntStream.rangeClosed(1, 6).mapToObj(policy::delayAfter).toList();
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofMinutes(1), Duration.ofMinutes(1)), delays);
    }

    @Test
    void aFailedAttemptIsTriedAgainAfterTheBackoffUntilTheLastTry() {
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            mail.attemptFailed("451 try later", clock.instant(), policy);
            assertFalse(mail.hasFailed(), "attempt " + attempt + " is not the last");
            assertEquals(clock.instant().plus(policy.delayAfter(attempt)), mail.nextAttemptAt());
            clock.advance(policy.delayAfter(attempt));
        }
        mail.attemptFailed("451 try later", clock.instant(), policy);
        assertTrue(mail.hasFailed(), "given up after " + policy.maxAttempts() + " tries");
        assertEquals(policy.maxAttempts(), mail.attempts());
    }

    @Test
    void aRefusedRecipientIsGivenUpAtOnce() {
        mail.refused("not exactly the stored address", clock.instant());
        assertTrue(mail.hasFailed());
        assertEquals(1, mail.attempts());
    }

    @Test
    void aDeliveredMailKeepsNoBody() {
        mail.delivered(clock.instant());
        assertEquals("", mail.mail().text());
        assertEquals("", mail.mail().html());
        assertFalse(mail.hasFailed());
    }
}
