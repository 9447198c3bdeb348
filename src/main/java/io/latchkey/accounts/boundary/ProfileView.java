package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * The user as {@code GET /api/v1/auth/me} shows them to themselves: the four fields of {@link UserView} first, then
 * what only the owner sees (the language of their mails, whether they want new-device notices, and an address
 * waiting for its confirmation).
 */
@JsonbPropertyOrder({"id", "name", "email", "emailVerifiedAt", "locale", "newDeviceNotice", "pendingEmail"})
public record ProfileView(String id, String name, String email,
                          @JsonbProperty("email_verified_at") @JsonbNillable Instant emailVerifiedAt,
                          String locale,
                          @JsonbProperty("new_device_notice") boolean newDeviceNotice,
                          @JsonbProperty("pending_email") @JsonbNillable String pendingEmail) {

    /** From the user row alone: no query (this is every page load's {@code GET /me}). */
    public static ProfileView of(User user, Instant now) {
        return new ProfileView(user.id().toString(), user.name(), user.email(), user.emailVerifiedAt(), user.language(),
                user.wantsNewDeviceNotice(), user.pendingEmail(now).orElse(null));
    }
}
