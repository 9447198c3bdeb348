package io.latchkey.privacy;

/**
 * {@code DELETE /api/v1/auth/account}: the proof that the owner is asking, the password or (for an account with a
 * second factor) a code from the app or a recovery code.
 */
public record DeletionRequest(String password, String mfaCode) {
}
