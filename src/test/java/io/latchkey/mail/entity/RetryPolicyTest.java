package io.latchkey.mail.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy defaults = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(15), 10);

    @Test
    void theWaitDoublesFromTheBaseAfterEachFailure() {
        assertEquals(Duration.ofSeconds(5), defaults.delayAfter(1));
        assertEquals(Duration.ofSeconds(10), defaults.delayAfter(2));
        assertEquals(Duration.ofSeconds(20), defaults.delayAfter(3));
        assertEquals(Duration.ofSeconds(640), defaults.delayAfter(8));
    }

    @Test
    void theWaitStopsAtTheCeiling() {
        assertEquals(Duration.ofMinutes(15), defaults.delayAfter(9), "5 s doubled eight times is 1,280 s: capped");
        assertEquals(Duration.ofMinutes(15), defaults.delayAfter(10_000), "no overflow, however many failures");
    }

    @Test
    void aCeilingBelowTheBaseWins() {
        RetryPolicy tight = new RetryPolicy(Duration.ofSeconds(30), Duration.ofSeconds(10), 3);
        assertEquals(Duration.ofSeconds(10), tight.delayAfter(1));
    }

    @Test
    void noFailureYetWaitsTheBase() {
        assertEquals(Duration.ofSeconds(5), defaults.delayAfter(0));
    }
}
