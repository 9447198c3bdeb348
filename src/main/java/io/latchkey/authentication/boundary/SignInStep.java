package io.latchkey.authentication.boundary;

import java.util.List;

/**
 * What the password step of a login answers: the tokens, or, for an account with a second factor, the way on, or a
 * refusal (answered 401 once the login's transaction, with its audit record, has committed).
 */
public sealed interface SignInStep permits Renewal, SignInStep.SecondStepNeeded, SignInStep.Refused {

    /** The password was right; the sign-in completes with a code and this token ({@code mfa_token}). */
    record SecondStepNeeded(String mfaToken, List<String> methods) implements SignInStep {
    }

    /** The credentials were wrong. */
    record Refused(String detail) implements SignInStep {
    }
}
