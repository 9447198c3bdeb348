package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A user as every response shows one: exactly these four fields, and nothing else stored ever leaves. */
@JsonbPropertyOrder({"id", "name", "email", "email_verified_at"})
public record UserView(String id, String name, String email,
                       @JsonbProperty("email_verified_at") @JsonbNillable Instant emailVerifiedAt) {

    public static UserView of(User user) {
        return new UserView(user.id().toString(), user.name(), user.email(), user.emailVerifiedAt());
    }
}
