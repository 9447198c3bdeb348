package io.latchkey.passwords;

import jakarta.validation.ConstraintValidator;

/** Password policies for unit tests outside this package, and their injection into {@link NewPassword.Check}. */
public final class Policies {

    private Policies() {
    }

    public static PasswordPolicy withMinLength(int minLength) {
        PasswordPolicy policy = new PasswordPolicy();
        policy.minLength = minLength;
        policy.loadCommonPasswords();
        return policy;
    }

    /** Gives a {@link NewPassword} check its policy, as CDI does on the server. */
    public static <V extends ConstraintValidator<?, ?>> V inject(V validator, PasswordPolicy policy) {
        if (validator instanceof NewPassword.Check check) {
            check.policy = policy;
        }
        return validator;
    }
}
