package io.latchkey.mail.boundary;

import java.util.UUID;

/**
 * Whom a mail goes to: the account it is about (null for an address that has none), the name it greets, the
 * address, and the language its templates are chosen in.
 */
public record Recipient(UUID userId, String name, String email, String language) {
}
