/**
 * Throttling: bounded rates per client address and backoff per account, counted in PostgreSQL so that every
 * instance sees the same counts.
 */
package io.latchkey.throttling;
