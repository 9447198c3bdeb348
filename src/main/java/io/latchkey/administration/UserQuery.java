package io.latchkey.administration;

import io.latchkey.web.FieldError;
import io.latchkey.web.Problem;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The query of {@code GET /api/v1/admin/users}, typed and checked: every parameter is optional, an unknown one or a
 * bad value is a 422 naming it. Dates are ISO-8601 instants or days (a day starts at midnight UTC).
 */
record UserQuery(Optional<String> q, Optional<Boolean> verified, Optional<Boolean> disabled, Optional<Boolean> mfa,
                 Optional<Instant> createdAfter, Optional<Instant> createdBefore,
                 Optional<Instant> lastSignInBefore, Sort sort, Optional<String> cursor, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_Q = 254;
    private static final Set<String> NAMES = Set.of("q", "verified", "disabled", "mfa", "created_after",
            "created_before", "last_sign_in_before", "sort", "cursor", "limit");

    /** Newest first, by when the account was created or when it last signed in (never: last). */
    enum Sort { CREATED, LAST_SIGN_IN }

    static UserQuery of(MultivaluedMap<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        QueryParameters.requireKnown(parameters, NAMES, errors);
        QueryParameters read = new QueryParameters(parameters, errors);
        Optional<String> q = read.text("q").map(String::strip).filter(text -> !text.isEmpty());
        if (q.filter(text -> text.length() > MAX_Q || text.chars().anyMatch(Character::isISOControl)).isPresent()) {
            errors.add(FieldError.ofQuery("q", "Search for at most " + MAX_Q + " characters, without control characters"));
        }
        UserQuery query = new UserQuery(q, read.flag("verified"), read.flag("disabled"), read.flag("mfa"),
                read.instant("created_after"), read.instant("created_before"), read.instant("last_sign_in_before"),
                sort(read), read.text("cursor"), read.limit(MAX_LIMIT, DEFAULT_LIMIT));
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
        return query;
    }

    private static Sort sort(QueryParameters read) {
        return read.text("sort").flatMap(value -> switch (value) {
            case "created" -> Optional.of(Sort.CREATED);
            case "last_sign_in" -> Optional.of(Sort.LAST_SIGN_IN);
            default -> read.fail("sort", "Must be created or last_sign_in");
        }).orElse(Sort.CREATED);
    }

    Optional<Cursor> after() {
        return cursor.map(text -> Cursor.decode(text, sort));
    }

    /** The words of {@code q} for a search of names: letters and digits only, each a prefix. */
    List<String> nameWords() {
        return q.map(text -> List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))).orElse(List.of())
                .stream().filter(word -> !word.isEmpty()).limit(8).toList();
    }
}
