package io.latchkey.administration;

import io.latchkey.web.FieldError;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Typed reading of a query string: each bad value adds its error, so that one 422 names them all. */
record QueryParameters(MultivaluedMap<String, String> parameters, List<FieldError> errors) {

    /** Every parameter must be one of these, given once: a misspelt filter must not silently list everyone. */
    static void requireKnown(MultivaluedMap<String, String> parameters, Set<String> names, List<FieldError> errors) {
        for (String name : parameters.keySet()) {
            if (!names.contains(name)) {
                errors.add(FieldError.ofQuery(name, "Unknown parameter; use one of "
                        + String.join(", ", names.stream().sorted().toList())));
            } else if (parameters.get(name).size() > 1) {
                errors.add(FieldError.ofQuery(name, "Give it once"));
            }
        }
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(parameters.getFirst(name));
    }

    Optional<Boolean> flag(String name) {
        return text(name).flatMap(value -> switch (value) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> fail(name, "Must be true or false");
        });
    }

    /** An ISO-8601 instant, or a day (from midnight UTC). */
    Optional<Instant> instant(String name) {
        return text(name).flatMap(value -> {
            try {
                return Optional.of(value.length() == 10 ? LocalDate.parse(value).atStartOfDay()
                        .toInstant(ZoneOffset.UTC) : Instant.parse(value));
            } catch (DateTimeParseException notADate) {
                return fail(name, "Must be a date (2026-12-07) or an instant (2026-12-07T09:30:00Z)");
            }
        });
    }

    Optional<UUID> id(String name) {
        return text(name).flatMap(value -> {
            try {
                return Optional.of(UUID.fromString(value));
            } catch (IllegalArgumentException notAnId) {
                return fail(name, "Must be a user's id");
            }
        });
    }

    int limit(int max, int otherwise) {
        return text("limit").flatMap(value -> {
            try {
                int limit = Integer.parseInt(value);
                if (limit >= 1 && limit <= max) {
                    return Optional.of(limit);
                }
            } catch (NumberFormatException notANumber) {
                // answered below
            }
            return fail("limit", "Must be a number from 1 to " + max);
        }).orElse(otherwise);
    }

    <T> Optional<T> fail(String name, String message) {
        errors.add(FieldError.ofQuery(name, message));
        return Optional.empty();
    }
}
