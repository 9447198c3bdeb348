/**
 * Mail for the other capabilities: which mail to send (templates and their values) and the outbox it is queued in,
 * inside the caller's transaction.
 */
package io.latchkey.mail.boundary;
