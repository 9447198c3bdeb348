package io.latchkey.accounts.boundary;

/** {@code PATCH /api/v1/auth/verify/email}: a bad or missing token is a 400, as for any one-time token. */
public record VerificationRequest(String token) {
}
