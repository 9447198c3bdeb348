package io.latchkey.mail.entity;

/** One message to one recipient, rendered: a plain text part and an HTML part with the same content. */
public record Mail(String recipient, String subject, String text, String html) {
}
