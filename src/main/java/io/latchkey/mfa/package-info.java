/**
 * The second factor: authenticator-app codes (RFC 6238 TOTP) with their secrets sealed at rest, recovery codes, and
 * the step-up rule for sensitive actions. Above mail, tokens and throttling, which it uses; below accounts and
 * authentication, which ask it for codes. It knows users only by id and address (an {@code Owner}).
 */
package io.latchkey.mfa;
