package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.web.Required;

/** {@code POST /api/v1/auth/login/email}: the address to mail a sign-in code to, if it has an account. */
public record SignInCodeRequest(@Required(message = EmailAddress.REQUIRED) @ValidEmail String email) {
}
