package io.latchkey.tokens.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.runtime.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A signing key's life: published first, signing from its activation, published for a grace after retirement. */
class SigningKeyTest {

    static final Duration DELAY = Duration.ofMinutes(10);
    static final Duration GRACE = Duration.ofDays(1);
    static final Duration MICRO = Duration.ofNanos(1_000);

    final TestClock clock = new TestClock();
    final SigningKey key = SigningKey.generate(clock.instant(), clock.instant().plus(DELAY));

    @Test
    void publishedAtOnceButSigningOnlyFromItsActivation() {
        assertTrue(key.isPublished(clock.instant(), GRACE));
        clock.advance(DELAY.minus(MICRO));
        assertFalse(key.signs(clock.instant()), "verifiers must have seen it before it signs");
        clock.advance(MICRO);
        assertTrue(key.signs(clock.instant()));
    }

    @Test
    void aRetiredKeyStopsSigningAtOnceAndStaysPublishedForTheGrace() {
        clock.advance(DELAY);
        Instant successorActivates = clock.advance(Duration.ofDays(30));
        key.retireAt(successorActivates);
        assertFalse(key.signs(clock.instant()));
        clock.advance(GRACE.minus(MICRO));
        assertTrue(key.isPublished(clock.instant(), GRACE), "tokens it signed may still be in use");
        clock.advance(MICRO);
        assertFalse(key.isPublished(clock.instant(), GRACE));
    }

    @Test
    void theEarliestRetirementHolds() {
        Instant early = clock.instant().plus(Duration.ofHours(1));
        key.retireAt(early);
        key.retireAt(early.plus(Duration.ofHours(5)));
        clock.advance(Duration.ofHours(1));
        assertFalse(key.signs(clock.instant()));
    }
}
