/**
 * The second factor: authenticator-app codes (RFC 6238 TOTP), their secrets sealed at rest (AES-GCM) and recovery
 * codes; to come: enrolment and the second step of a login. Below accounts and authentication, which will use it.
 */
package io.latchkey.mfa;
