/**
 * The second factor: authenticator-app codes (RFC 6238 TOTP) and their secrets sealed at rest (AES-GCM); to come:
 * recovery codes, enrolment and the second step of a login. Below accounts and authentication, which will use it.
 */
package io.latchkey.mfa;
