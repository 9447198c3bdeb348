package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.web.Required;

/** {@code POST /api/v1/auth/email}; {@code mfa_code} is the step-up of a sign-in that is not recent. */
public record EmailChangeRequest(
        @Required(message = EmailAddress.REQUIRED) @ValidEmail String email,
        @Required(message = "Current password is required", blankAllowed = true) String currentPassword,
        String mfaCode) {
}
