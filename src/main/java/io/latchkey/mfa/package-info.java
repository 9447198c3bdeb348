/**
 * The second factor and passkeys: authenticator-app codes (RFC 6238 TOTP) with their secrets sealed at rest,
 * recovery codes, passkeys (WebAuthn), and the step-up rule for sensitive actions, with their endpoints
 * ({@code /api/v1/auth/mfa}, {@code /api/v1/auth/passkeys}; signing in with a passkey is authentication's). Above
 * mail, tokens and throttling, which it uses; below accounts and authentication, which ask it for codes and
 * ceremonies. It knows users only by id and address (an {@code Owner}), and the caller of a request through
 * {@code Callers}, which accounts implements.
 */
package io.latchkey.mfa;
