/**
 * Mail: what Latchkey sends (templates), the transactional outbox it is queued in, and the relay that delivers it
 * over SMTP with retries.
 */
package io.latchkey.mail;
