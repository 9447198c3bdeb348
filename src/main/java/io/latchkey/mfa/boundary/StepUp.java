package io.latchkey.mfa.boundary;

import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rule for sensitive actions: the caller signed in recently ({@code auth_time} within STEP_UP_WINDOW) or sends a
 * fresh second-factor code with the request ({@code mfa_code}). Otherwise 401 of type step-up-required, so that a
 * client can ask for a code, or for a new sign-in, and send the request again. A stolen access token, or a device
 * left signed in, is then not enough to turn a factor off or take over the account.
 */
@Stateless
public class StepUp {

    /** The methods of a sign-in that may add a way in: the password, a passkey, two steps, or an identity provider. */
    private static final java.util.Set<String> STRONG = java.util.Set.of("pwd", "hwk", "mfa", "fed");

    @Inject
    Clock clock;

    @Inject
    SecondFactor factors;

    @Inject
    @ConfigProperty(name = "step.up.window", defaultValue = "PT10M")
    Duration window;

    public void require(Owner owner, Optional<Instant> authTime, String mfaCode) {
        if (authTime.filter(at -> !at.isBefore(clock.instant().minus(window))).isPresent()) {
            return;
        }
        boolean enrolled = !factors.methods(owner.id()).isEmpty();
        if (enrolled && mfaCode != null && !mfaCode.isBlank()) {
            if (factors.verify(owner, mfaCode) != SecondFactor.Check.WRONG) {
                return;
            }
            throw new Problem(ProblemType.STEP_UP_REQUIRED, "The code is not valid");
        }
        throw new Problem(ProblemType.STEP_UP_REQUIRED, enrolled
                ? "Confirm it is you: send a code from your authenticator app as mfa_code, or sign in again"
                : "Confirm it is you: sign in again");
    }

    /**
     * The rule for adding a way in (an authenticator app, a passkey): a recent sign-in counts only if it used the
     * password or a factor ({@code pwd}, {@code hwk}, {@code mfa} in {@code amr}), else a code of an existing factor.
     * A sign-in by emailed code alone proves the mailbox, no more: whoever reads it must not be able to add a factor
     * that would then lock the owner out. (A reset from the mailbox ends every session and removes what was added
     * lately: see Recovery.)
     */
    public void requireForEnrolment(Owner owner, java.util.List<String> amr, Optional<Instant> authTime, String mfaCode) {
        boolean strong = amr.stream().anyMatch(STRONG::contains);
        if (strong || mfaCode != null && !mfaCode.isBlank()) {
            require(owner, strong ? authTime : Optional.empty(), mfaCode);
            return;
        }
        boolean enrolled = !factors.methods(owner.id()).isEmpty();
        throw new Problem(ProblemType.STEP_UP_REQUIRED, enrolled
                ? "Confirm it is you: send a code from your authenticator app as mfa_code, or sign in with your password"
                : "Confirm it is you: sign in with your password or a passkey");
    }

    /**
     * The rule for actions that had their own proof before second factors existed (the current password of a password
     * change): it applies to accounts that turned a factor on, and changes nothing for the others.
     */
    public void requireIfEnrolled(Owner owner, Optional<Instant> authTime, String mfaCode) {
        if (!factors.methods(owner.id()).isEmpty()) {
            require(owner, authTime, mfaCode);
        }
    }
}
