/**
 * The mechanics: TOTP codes, AES-GCM sealing under the service's key, recovery codes and the enrolment QR code.
 */
package io.latchkey.mfa.control;
