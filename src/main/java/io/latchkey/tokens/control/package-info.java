/**
 * Signing mechanics: native RSA signing and the key set file that Payara's MP-JWT verifies with.
 */
package io.latchkey.tokens.control;
