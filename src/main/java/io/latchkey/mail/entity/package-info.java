/**
 * Mail as stored: an outbox row, a message, and the retry policy.
 */
package io.latchkey.mail.entity;
