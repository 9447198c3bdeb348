package io.latchkey.authentication.boundary;

import java.util.List;

/** What the password step of a login answers: the tokens, or, for an account with a second factor, the way on. */
public sealed interface SignInStep permits Renewal, SignInStep.SecondStepNeeded {

    /** The password was right; the sign-in completes with a code and this token ({@code mfa_token}). */
    record SecondStepNeeded(String mfaToken, List<String> methods) implements SignInStep {
    }
}
