package io.latchkey.authentication.control;

import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The live sessions this instance has read, with their users, so that a protected call is answered without a
 * query. Kept only while the instance hears of every change in PostgreSQL ({@link CallerChanges}: LISTEN on the
 * channel that the database's triggers NOTIFY at each commit); until then, and whenever that connection is lost,
 * nothing is kept and every call reads the database as before.
 *
 * <p>Only "live" is kept: a kept session is checked against the clock on every call, and a session that is not
 * live (by the clock, or as read) is read again. A read that began before a change was heard is not kept (the
 * generation moved on meanwhile), so no answer older than the last change comes back. Nothing is kept longer than
 * {@link #HOLD}, a bound for what no notification covers (a session row changed by hand without its triggers).
 */
@ApplicationScoped
public class LiveCallers {

    /** The longest any read is kept. */
    public static final Duration HOLD = Duration.ofSeconds(30);

    /** Users kept at most; past it all are dropped (and read again), which costs time and never safety. */
    private static final int CAPACITY = 10_000;

    private final int capacity;
    private final Map<UUID, Kept> users = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    /** A user as read, with those of their sessions read live since. */
    private record Kept(User user, Map<UUID, Session> sessions, Instant readAt) {
    }

    public LiveCallers() {
        this(CAPACITY);
    }

    LiveCallers(int capacity) {
        this.capacity = capacity;
    }

    /** The user of this session if it was read live, is still live by the clock and is the token's user. */
    public Optional<User> find(UUID sessionId, UUID userId, Instant now) {
        Kept kept = listening ? users.get(userId) : null;
        if (kept == null) {
            return Optional.empty();
        }
        Session session = kept.sessions().get(sessionId);
        if (session == null || !now.isBefore(kept.readAt().plus(HOLD)) || !session.isLive(now, kept.user())) {
            return Optional.empty();
        }
        return Optional.of(kept.user());
    }

    /** Taken before a read: the read is kept only if nothing was heard meanwhile. */
    public long generation() {
        return generation.get();
    }

    /** Keeps a session read live, unless a change was heard since {@code before} or nothing is heard at all. */
    public void keep(long before, Session session, User user, Instant now) {
        if (!listening || !session.isLive(now, user) || !session.userId().equals(user.id())) {
            return;
        }
        if (users.size() >= capacity) {
            users.clear();
        }
        users.compute(user.id(), (id, kept) -> {
            Kept fresh = kept == null || !now.isBefore(kept.readAt().plus(HOLD))
                    ? new Kept(user, new ConcurrentHashMap<>(), now) : kept;
            fresh.sessions().put(session.id(), session);
            return fresh;
        });
        if (generation.get() != before) {
            // Something was heard while this was read or put: it may be about this user, so nothing of it is kept.
            users.remove(user.id());
        }
    }

    /** A change of this user or of one of their sessions was heard. */
    public void forget(UUID userId) {
        generation.incrementAndGet();
        users.remove(userId);
    }

    /** A change of everyone was heard, or changes may have been missed. */
    public void forgetAll() {
        generation.incrementAndGet();
        users.clear();
    }

    /** From now on every change is heard: keeping may start. */
    public void listening() {
        forgetAll();
        listening = true;
    }

    /** Changes may go unheard from now on: nothing is kept, nothing is found. */
    public void deaf() {
        listening = false;
        forgetAll();
    }

    public boolean isListening() {
        return listening;
    }

    int size() {
        return users.size();
    }
}
