package io.latchkey.mfa.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.runtime.TestClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of a passkey's sign count and of a ceremony's challenge. */
class PasskeyTest {

    final TestClock clock = new TestClock();
    final UUID user = UUID.randomUUID();

    Passkey passkey(long count) {
        return Passkey.register(user, "cred", "data", count, "internal", true, false, true, "Passkey 1", clock.instant());
    }

    @Test
    void aCountingAuthenticatorMustCountUp() {
        Passkey passkey = passkey(5);
        assertFalse(passkey.acceptsCount(4), "back: a cloned key");
        assertFalse(passkey.acceptsCount(5), "the same count again: a cloned key");
        assertFalse(passkey.acceptsCount(0), "a counting authenticator does not start again at 0");
        assertTrue(passkey.acceptsCount(6));
        passkey.used(6, true, clock.instant());
        assertEquals(6, passkey.signCount());
        assertTrue(passkey.backedUp());
        assertFalse(passkey.acceptsCount(6));
    }

    @Test
    void anAuthenticatorThatDoesNotCountSendsZeroEveryTime() {
        Passkey passkey = passkey(0);
        assertTrue(passkey.acceptsCount(0));
        passkey.used(0, false, clock.instant());
        assertTrue(passkey.acceptsCount(0));
        assertTrue(passkey.acceptsCount(1), "it may start counting");
    }

    @Test
    void aChallengeAnswersOnceItsOwnCeremonyForItsOwnUserUntilItExpires() {
        PasskeyChallenge registration = PasskeyChallenge.issue(PasskeyChallenge.Purpose.REGISTER, user, clock.instant(),
                Duration.ofMinutes(5)).challenge();
        assertTrue(registration.isGoodFor(PasskeyChallenge.Purpose.REGISTER, user, clock.instant()));
        assertFalse(registration.isGoodFor(PasskeyChallenge.Purpose.SIGN_IN, null, clock.instant()));
        assertFalse(registration.isGoodFor(PasskeyChallenge.Purpose.REGISTER, UUID.randomUUID(), clock.instant()));
        clock.advance(Duration.ofMinutes(5));
        assertFalse(registration.isGoodFor(PasskeyChallenge.Purpose.REGISTER, user, clock.instant()), "expired");

        PasskeyChallenge.Issued signIn = PasskeyChallenge.issue(PasskeyChallenge.Purpose.SIGN_IN, null, clock.instant(),
                Duration.ofMinutes(5));
        assertEquals(PasskeyChallenge.hash(signIn.value()), PasskeyChallenge.hash(signIn.value()));
        assertEquals(43, signIn.base64Url().length(), "256 bits");
        signIn.challenge().use(clock.instant());
        assertFalse(signIn.challenge().isGoodFor(PasskeyChallenge.Purpose.SIGN_IN, null, clock.instant()), "spent");
    }
}
