package io.latchkey.authentication.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.web.Required;

/**
 * {@code POST /api/v1/auth/login/email/verify}: the address and the code typed from its mail, or the token of the
 * mail's link instead of both. Only presence is checked: a malformed code fails as a wrong one does.
 */
public record EmailCodeRequest(@Required(message = EmailAddress.REQUIRED) String email,
                               @Required(message = "Code is required") String code) {

    /** The link's token alone. */
    public record WithLink(String token) {
    }
}
