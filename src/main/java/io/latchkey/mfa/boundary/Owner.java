package io.latchkey.mfa.boundary;

import io.latchkey.mail.boundary.Recipient;
import java.util.UUID;

/**
 * The account a factor belongs to, as the second factor needs it: its id, and where, how and in which language to
 * mail its owner.
 */
public record Owner(UUID id, String email, String name, String language) {

    public Recipient recipient() {
        return new Recipient(id, name, email, language);
    }
}
