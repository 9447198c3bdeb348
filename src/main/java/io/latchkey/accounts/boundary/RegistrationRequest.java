package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.passwords.NewPassword;
import io.latchkey.passwords.PasswordTypedTwice;
import io.latchkey.web.MaxLength;
import io.latchkey.web.NoControlCharacters;
import io.latchkey.web.Required;

/** {@code POST /api/v1/register/user}. */
@PasswordTypedTwice
public record RegistrationRequest(
        @Required(message = "Name is required")
        @MaxLength(value = User.MAX_NAME_LENGTH, message = "Name must be at most " + User.MAX_NAME_LENGTH + " characters")
        @NoControlCharacters(message = "Name must not contain control characters")
        String name,
        @Required(message = EmailAddress.REQUIRED) @ValidEmail String email,
        @NewPassword String password,
        String confirmPassword) implements PasswordTypedTwice.Typed {
}
