/**
 * Refresh tokens as strings: sealing and reading a session's id and generation under the HMAC key.
 */
package io.latchkey.authentication.control;
