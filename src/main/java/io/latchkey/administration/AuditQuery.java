package io.latchkey.administration;

import io.latchkey.telemetry.Audit;
import io.latchkey.telemetry.AuditTrail;
import io.latchkey.web.FieldError;
import io.latchkey.web.Problem;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The query of {@code GET /api/v1/admin/audit}: events of a user ({@code user}), by an admin ({@code actor}), of a
 * kind, {@code after} and {@code before} an instant, newest first; {@code cursor} is the {@code next_cursor} of the
 * page before.
 */
record AuditQuery(AuditTrail.Filter filter, int limit) {

    private static final Set<String> NAMES = Set.of("user", "actor", "kind", "after", "before", "cursor", "limit");
    private static final Set<String> KINDS = Arrays.stream(Audit.Event.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    static AuditQuery of(MultivaluedMap<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        QueryParameters.requireKnown(parameters, NAMES, errors);
        QueryParameters read = new QueryParameters(parameters, errors);
        Optional<String> kind = read.text("kind").flatMap(value -> KINDS.contains(value) ? Optional.of(value)
                : read.fail("kind", "Must be one of the audit event kinds of docs/API.md"));
        Optional<Long> cursor = read.text("cursor").flatMap(value -> {
            try {
                long id = Long.parseLong(value);
                if (id > 0) {
                    return Optional.of(id);
                }
            } catch (NumberFormatException notACursor) {
                // answered below, as a number no event has is
            }
            return read.fail("cursor", "Not a cursor of this list; start again without one");
        });
        AuditQuery query = new AuditQuery(new AuditTrail.Filter(read.id("user"), read.id("actor"), kind,
                read.instant("after"), read.instant("before"), cursor), read.limit(UserQuery.MAX_LIMIT,
                UserQuery.DEFAULT_LIMIT));
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
        return query;
    }
}
