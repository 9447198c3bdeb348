package io.latchkey.mfa.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.runtime.TestClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of an authenticator app's enrolment and of its spent steps. */
class TotpFactorTest {

    static final Duration ENROLMENT = Duration.ofMinutes(15);

    final TestClock clock = new TestClock();
    final TotpFactor factor = TotpFactor.enrol(UUID.randomUUID(), "v1.sealed", clock.instant());

    @Test
    void anEnrolmentCanBeConfirmedUntilItExpires() {
        clock.advance(ENROLMENT.minusNanos(1_000));
        assertTrue(factor.isPending(clock.instant(), ENROLMENT));
        clock.advance(Duration.ofNanos(1_000));
        assertFalse(factor.isPending(clock.instant(), ENROLMENT));
    }

    @Test
    void startingAgainRenewsTheEnrolmentWithTheNewSecret() {
        clock.advance(ENROLMENT);
        factor.restart("v1.other", clock.instant());
        assertTrue(factor.isPending(clock.instant(), ENROLMENT));
        assertEquals("v1.other", factor.sealedSecret());
    }

    @Test
    void confirmingSpendsTheStepOfItsCode() {
        factor.confirm(clock.instant(), 1000);
        assertTrue(factor.isConfirmed());
        assertFalse(factor.isPending(clock.instant(), ENROLMENT), "a confirmed factor is no enrolment in progress");
        assertEquals(1000, factor.lastUsedStep());
    }

    @Test
    void aSpentStepNeverGoesBack() {
        factor.confirm(clock.instant(), 1000);
        factor.accept(1002);
        factor.accept(1001);
        assertEquals(1002, factor.lastUsedStep());
    }

    @Test
    void aConfirmedFactorIsNotEnrolledAgain() {
        factor.confirm(clock.instant(), 1000);
        assertThrows(IllegalStateException.class, () -> factor.restart("v1.other", clock.instant()));
    }
}
