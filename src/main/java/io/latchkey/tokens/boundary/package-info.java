/** Tokens: the signing keys, access token issuing, and the discovery documents that publish the keys. */
package io.latchkey.tokens.boundary;
