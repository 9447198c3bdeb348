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
    /**
     * A try counted before it is made, in one statement, so that a burst cannot slip past a check made before the
     * first failure is written: the row is locked for the statement, the try that reaches {@code ?3} blocks the key
     * (for ?4 seconds, doubled for each try beyond, up to ?5), and a try while the key is blocked updates nothing
     * and returns no row. A right answer is taken back afterwards ({@link #forgive}, {@link #refund}).
     */
    private static final String ATTEMPT = """
            insert into throttle_counters as t (key, window_start, hits, blocked_until)
            values (?1, now(), 1, case when 1 >= ?3 then now() + make_interval(secs => ?4) end)
            on conflict (key) do update set
              hits = case when t.window_start <= now() - make_interval(secs => ?2) then 1 else t.hits + 1 end,
              window_start = case when t.window_start <= now() - make_interval(secs => ?2) then now()
                                  else t.window_start end,
              blocked_until = case
                when (case when t.window_start <= now() - make_interval(secs => ?2) then 1 else t.hits + 1 end) >= ?3
                then now() + make_interval(secs => least(?5, ?4 * power(2, least(20,
                       (case when t.window_start <= now() - make_interval(secs => ?2) then 1 else t.hits + 1 end) - ?3))))
                else t.blocked_until end
            where t.blocked_until is null or t.blocked_until <= now()
            returning hits""";
    /** A try that {@link #ATTEMPT} counted and that was right: it no longer counts, nor blocks if it was the one. */
    private static final String REFUND = "update throttle_counters set hits = greatest(hits - 1, 0),"
            + " blocked_until = case when hits - 1 < ?2 then null else blocked_until end where key = ?1";
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

    /**
     * Counts a try before it is made, and refuses it with 429 while the key is blocked: from the {@code free}-th try
     * in the window on, the key is blocked for a delay that doubles with each further try, up to {@code maxDelay}.
     * Of any number of concurrent tries, as many get through as would one at a time. In its own transaction, taken
     * before the caller's has a connection: the count stands whatever happens next.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempt(String key, Limit free, Duration firstDelay, Duration maxDelay, String detail) {
        if (!enabled) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> counted = em.createNativeQuery(ATTEMPT).setParameter(1, key)
                .setParameter(2, (double) free.window().toSeconds()).setParameter(3, free.max())
                .setParameter(4, (double) firstDelay.toSeconds()).setParameter(5, (double) maxDelay.toSeconds())
                .getResultList();
        if (counted.isEmpty()) {
            throw Problem.tooManyRequests(detail, blockedFor(key).orElse(Duration.ofSeconds(1)));
        }
    }

    /** A right answer after {@link #attempt}: every try of the key is forgotten (a client's own pair). */
    public void forgive(String key) {
        clear(key);
    }

    /**
     * A right answer after {@link #attempt}, for a key others share (an account's, from anywhere): only this try is
     * taken back, so an attacker's tries still count, and the owner's do not add to them.
     */
    public void refund(String key, Limit free) {
        if (enabled) {
            em.createNativeQuery(REFUND).setParameter(1, key).setParameter(2, free.max()).executeUpdate();
        }
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
