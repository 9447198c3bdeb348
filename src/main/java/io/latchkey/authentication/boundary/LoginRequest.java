package io.latchkey.authentication.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.web.Required;

/** {@code POST /api/v1/auth/login}: only presence is checked, so a wrong address fails as a wrong password does. */
public record LoginRequest(
        @Required(message = EmailAddress.REQUIRED) String email,
        @Required(message = "Password is required", blankAllowed = true) String password) {
}
