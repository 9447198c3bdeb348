package io.latchkey.accounts.boundary;

import io.latchkey.passwords.NewPassword;
import io.latchkey.passwords.PasswordTypedTwice;

/** {@code PATCH /api/v1/auth/password/update}: the token is checked first, then the password. */
@PasswordTypedTwice
public record NewPasswordRequest(String token, @NewPassword String password, String confirmPassword)
        implements PasswordTypedTwice.Typed {
}
