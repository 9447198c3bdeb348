package io.latchkey.throttling;

import io.latchkey.web.Problem;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counters in PostgreSQL, updated with one atomic upsert each, so that limits hold across every instance. Counts
 * are written in their own transaction: a refused or failed request still counts.
 */
@Stateless
public class Throttle {

    private static final String HIT = "insert into throttle_counters as t (key, window_start, hits) values (?1, now(), 1)"
            + " on conflict (key) do update set"
            + " hits = case when t.window_start <= now() - make_interval(secs => ?2) then 1 else t.hits + 1 end,"
            + " window_start = case when t.window_start <= now() - make_interval(secs => ?2) then now() else t.window_start end"
            + " returning hits, extract(epoch from (window_start + make_interval(secs => ?2) - now()))";
    private static final String BLOCK = "update throttle_counters set blocked_until = now() + make_interval(secs => ?2)"
            + " where key = ?1";
    private static final String BLOCKED_FOR = "select extract(epoch from (blocked_until - now())) from throttle_counters"
            + " where key = ?1 and blocked_until > now()";

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "throttle.enabled", defaultValue = "true")
    boolean enabled;

    /** Counts a hit and refuses the request with 429 when it is over the limit (a refused hit is not counted). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void require(String key, Limit limit, String detail) {
        if (!enabled) {
            return;
        }
        Object[] row = count(key, limit.window());
        if (((Number) row[0]).intValue() > limit.max()) {
            throw Problem.tooManyRequests(detail, seconds(row[1]));
        }
    }

    /** Counts a hit and says whether it is within the limit, for limits that are enforced silently. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean allows(String key, Limit limit) {
        return !enabled || ((Number) count(key, limit.window())[0]).intValue() <= limit.max();
    }

    /** How long a key is still blocked after repeated failures, if it is. */
    public Optional<Duration> blockedFor(String key) {
        if (!enabled) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(BLOCKED_FOR).setParameter(1, key).getResultList();
        return rows.stream().findFirst().map(Throttle::seconds);
    }

    /**
     * Counts a failure; from the {@code free}-th failure in the window on, the key is blocked for a delay that
     * doubles with each further failure, up to {@code maxDelay}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String key, Limit free, Duration firstDelay, Duration maxDelay) {
        if (!enabled) {
            return;
        }
        int failures = ((Number) count(key, free.window())[0]).intValue();
        if (failures >= free.max()) {
            Duration delay = firstDelay.multipliedBy(1L << Math.min(20, failures - free.max()));
            em.createNativeQuery(BLOCK).setParameter(1, key)
                    .setParameter(2, (double) (delay.compareTo(maxDelay) < 0 ? delay : maxDelay).toSeconds())
                    .executeUpdate();
        }
    }

    /** Forgets a key's failures (a successful login). */
    public void clear(String key) {
        if (enabled) {
            em.createNativeQuery("delete from throttle_counters where key = ?1").setParameter(1, key).executeUpdate();
        }
    }

    private Object[] count(String key, Duration window) {
        return (Object[]) em.createNativeQuery(HIT).setParameter(1, key)
                .setParameter(2, (double) window.toSeconds()).getSingleResult();
    }

    /** A key for an account named by its email, without storing the address itself (it may not be anyone's). */
    public static String accountKey(String scope, String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return scope + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration seconds(Object epochSeconds) {
        return Duration.ofMillis(Math.max(1000, Math.round(((Number) epochSeconds).doubleValue() * 1000)));
    }

    /** Deletes the counters whose window ended a day ago and that block nobody any more. */
    public int prune() {
        return em.createNativeQuery("delete from throttle_counters where window_start < now() - interval '1 day'"
                + " and (blocked_until is null or blocked_until < now())").executeUpdate();
    }
}
