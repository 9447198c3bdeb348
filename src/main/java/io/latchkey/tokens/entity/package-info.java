/**
 * Tokens as stored: signing keys with their activation and retirement, and single-use action tokens (verification,
 * reset), kept hashed.
 */
package io.latchkey.tokens.entity;
