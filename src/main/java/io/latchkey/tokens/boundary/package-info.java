/**
 * Tokens: the signing keys and the documents that publish them, access token issuing, reading an access token's
 * claims, and the typed single-use tokens of mail links.
 */
package io.latchkey.tokens.boundary;
