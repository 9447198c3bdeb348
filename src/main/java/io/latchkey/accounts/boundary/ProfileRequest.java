package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.web.MaxLength;
import io.latchkey.web.NoControlCharacters;
import io.latchkey.web.Required;

/** The text fields of {@code PATCH /api/v1/auth/me}, each checked only when sent; the name as at registration. */
public record ProfileRequest(
        @Required(message = "Name is required")
        @MaxLength(value = User.MAX_NAME_LENGTH, message = "Name must be at most " + User.MAX_NAME_LENGTH + " characters")
        @NoControlCharacters(message = "Name must not contain control characters")
        String name) {
}
