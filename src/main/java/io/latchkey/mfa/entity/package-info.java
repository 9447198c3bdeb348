/**
 * An account's authenticator app (sealed secret, last step accepted) and its recovery codes (hashed).
 */
package io.latchkey.mfa.entity;
