package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.web.Required;

/** {@code POST /api/v1/auth/password/reset}. */
public record ResetLinkRequest(@Required(message = EmailAddress.REQUIRED) @ValidEmail String email) {
}
