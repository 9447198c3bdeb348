/**
 * Passwords: how they are hashed (Argon2id, imported bcrypt, re-hash on policy change) and what a new one must be.
 */
package io.latchkey.passwords;
