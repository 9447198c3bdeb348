package io.latchkey.accounts.boundary;

import io.latchkey.passwords.NewPassword;
import io.latchkey.passwords.PasswordTypedTwice;
import io.latchkey.web.Required;

/** {@code PATCH /api/v1/auth/password}; {@code mfa_code} is the step-up of an account with a second factor. */
@PasswordTypedTwice
public record PasswordChangeRequest(
        @Required(message = "Current password is required", blankAllowed = true) String currentPassword,
        @NewPassword String password,
        String confirmPassword,
        String mfaCode) implements PasswordTypedTwice.Typed {
}
