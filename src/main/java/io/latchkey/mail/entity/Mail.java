package io.latchkey.mail.entity;

import java.util.UUID;

/**
 * One message to one recipient, rendered: a plain text part and an HTML part with the same content, and the account
 * it is about (null for none), so that its owner's export lists it and deleting the account deletes it.
 */
public record Mail(String recipient, String subject, String text, String html, UUID userId) {

    public Mail(String recipient, String subject, String text, String html) {
        this(recipient, subject, text, html, null);
    }
}
