/**
 * Mail delivery: the relay that claims due mails from the outbox and sends them over SMTP, with retries.
 */
package io.latchkey.mail.control;
