package io.latchkey.administration;

import io.latchkey.web.FieldError;
import io.latchkey.web.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of users ended: the sort key and id of its last user, opaque to clients. The next page starts strictly
 * after it, so users created or deleted meanwhile never make a page repeat or skip one that stayed. A user who never
 * signed in sorts last by sign-in ({@code at} empty).
 */
record Cursor(UserQuery.Sort sort, Optional<Instant> at, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    String encode() {
        String text = sort.name() + "|" + at.map(Instant::toString).orElse("-") + "|" + id;
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a page before, for this sort; a cursor of another sort, or not one at all, is a 422. */
    static Cursor decode(String text, UserQuery.Sort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 3 && parts[0].equals(sort.name())) {
                Optional<Instant> at = parts[1].equals("-") ? Optional.empty() : Optional.of(Instant.parse(parts[1]));
                return new Cursor(sort, at, UUID.fromString(parts[2]));
            }
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            // answered below
        }
        throw Problem.validation(java.util.List.of(FieldError.ofQuery("cursor",
                "Not a cursor of this list; start again without one")));
    }
}
