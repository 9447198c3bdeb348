package io.latchkey.telemetry;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading the audit trail, newest first, a page at a time: each page ends where the next begins (the id of its last
 * event), so events recorded meanwhile never shift a page. Nothing here deletes an event.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditTrail {

    /** One event as the trail has it: never a password, token or secret, none was ever recorded. */
    public record Entry(long id, Instant at, String kind, UUID userId, UUID actorId, UUID sessionId, String reason,
                        String clientAddress, String userAgent) {
    }

    /** Which events: each present filter narrows; {@code beforeId} is the cursor of the page before. */
    public record Filter(Optional<UUID> user, Optional<UUID> actor, Optional<String> kind, Optional<Instant> after,
                         Optional<Instant> before, Optional<Long> beforeId) {

        public static Filter ofUser(UUID user) {
            return new Filter(Optional.of(user), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    @PersistenceContext
    EntityManager em;

    public List<Entry> page(Filter filter, int limit) {
        StringBuilder sql = new StringBuilder("select id, occurred_at, kind, user_id, actor_id, session_id, reason,"
                + " client_address, user_agent from audit_events where true");
        List<Object> parameters = new ArrayList<>();
        filter.user().ifPresent(u -> condition(sql, parameters, "user_id = cast(?%d as uuid)", u.toString()));
        filter.actor().ifPresent(a -> condition(sql, parameters, "actor_id = cast(?%d as uuid)", a.toString()));
        filter.kind().ifPresent(k -> condition(sql, parameters, "kind = ?%d", k));
        filter.after().ifPresent(t -> condition(sql, parameters, "occurred_at > ?%d", utc(t)));
        filter.before().ifPresent(t -> condition(sql, parameters, "occurred_at < ?%d", utc(t)));
        filter.beforeId().ifPresent(id -> condition(sql, parameters, "id < ?%d", id));
        sql.append(" order by id desc limit ").append(limit);
        Query query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<Entry> entries = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            entries.add(new Entry(((Number) r[0]).longValue(), instant(r[1]), (String) r[2], uuid(r[3]), uuid(r[4]),
                    uuid(r[5]), (String) r[6], (String) r[7], (String) r[8]));
        }
        return entries;
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        parameters.add(value);
        sql.append(" and ").append(condition.formatted(parameters.size()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }

    private static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }
}
