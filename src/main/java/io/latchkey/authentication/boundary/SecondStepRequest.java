package io.latchkey.authentication.boundary;

import io.latchkey.web.Required;

/**
 * {@code POST /api/v1/auth/login/mfa}: the token of the password step and a code from the app, or a recovery code.
 * Only presence is checked: a malformed token or code fails as a wrong one does.
 */
public record SecondStepRequest(
        @Required(message = "mfa_token is required") String mfaToken,
        @Required(message = "Code is required") String code) {

    /** The same step with a passkey: its {@code credential} (an object, read apart) instead of a code. */
    public record WithPasskey(@Required(message = "mfa_token is required") String mfaToken, String code) {
    }
}
