package io.latchkey.tokens.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.runtime.TestClock;
import io.latchkey.tokens.entity.ActionToken.Kind;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of single-use mail tokens, driven by a clock. */
class ActionTokenTest {

    static final Duration LIFETIME = Duration.ofHours(1);

    final TestClock clock = new TestClock();
    final UUID user = UUID.randomUUID();

    @Test
    void redeemableUntilItExpires() {
        ActionToken token = issue(Kind.RESET_PASSWORD);
        clock.advance(LIFETIME.minusNanos(1_000));
        assertTrue(token.isRedeemable(Kind.RESET_PASSWORD, clock.instant()));
        clock.advance(Duration.ofNanos(1_000));
        assertFalse(token.isRedeemable(Kind.RESET_PASSWORD, clock.instant()));
    }

    @Test
    void singleUse() {
        ActionToken token = issue(Kind.VERIFY_EMAIL);
        token.use(clock.instant());
        assertFalse(token.isRedeemable(Kind.VERIFY_EMAIL, clock.instant()));
    }

    @Test
    void onlyForItsOwnKind() {
        assertFalse(issue(Kind.VERIFY_EMAIL).isRedeemable(Kind.RESET_PASSWORD, clock.instant()));
        assertFalse(issue(Kind.RESET_PASSWORD).isRedeemable(Kind.VERIFY_EMAIL, clock.instant()));
    }

    @Test
    void newestOnly() {
        ActionToken older = issue(Kind.RESET_PASSWORD);
        clock.advance(Duration.ofMinutes(1));
        older.supersede(clock.instant());
        ActionToken newer = issue(Kind.RESET_PASSWORD);
        assertFalse(older.isRedeemable(Kind.RESET_PASSWORD, clock.instant()), "a newer link makes it useless");
        assertTrue(newer.isRedeemable(Kind.RESET_PASSWORD, clock.instant()));
    }

    @Test
    void theSecretIsStoredOnlyAsItsHashAndNamesItsKind() {
        ActionToken.Issued issued = ActionToken.issue(Kind.RESET_PASSWORD, user, clock.instant(), LIFETIME);
        assertNotEquals(issued.secret(), ActionToken.hash(issued.secret()));
        assertEquals(64, ActionToken.hash(issued.secret()).length(), "SHA-256, hex");
        assertNotEquals(ActionToken.issue(Kind.RESET_PASSWORD, user, clock.instant(), LIFETIME).secret(), issued.secret());
    }

    private ActionToken issue(Kind kind) {
        return ActionToken.issue(kind, user, clock.instant(), LIFETIME).token();
    }

    @Test
    void aSecondStepTokenIsSpentByItsFifthWrongCode() {
        ActionToken token = ActionToken.issue(Kind.MFA_LOGIN, user, 3L, clock.instant(), LIFETIME).token();
        for (int wrong = 1; wrong < 5; wrong++) {
            token.wrongAnswer(5, clock.instant());
            assertTrue(token.isRedeemable(Kind.MFA_LOGIN, clock.instant()), "after " + wrong + " wrong codes");
        }
        token.wrongAnswer(5, clock.instant());
        assertFalse(token.isRedeemable(Kind.MFA_LOGIN, clock.instant()));
    }

    @Test
    void aSecondStepTokenStandsForTheCredentialsItChecked() {
        ActionToken token = ActionToken.issue(Kind.MFA_LOGIN, user, 3L, clock.instant(), LIFETIME).token();
        assertTrue(token.isFor(3));
        assertFalse(token.isFor(4), "the password changed after the password step");
        assertFalse(issue(Kind.MFA_LOGIN).isFor(0), "a token bound to no credentials stands for none");
    }

    @Test
    void aSecondStepTokenIsRecognisable() {
        assertTrue(ActionToken.issue(Kind.MFA_LOGIN, user, 0L, clock.instant(), LIFETIME).secret().startsWith("lkm_"));
    }
}
