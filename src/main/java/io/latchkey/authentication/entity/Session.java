package io.latchkey.authentication.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One login on one device: the {@code sid} of the access tokens issued to it. It ends at an absolute expiry. */
@Entity
@Table(name = "sessions")
@NamedQuery(name = Session.REVOKE_ALL, query = "update Session s set s.revokedAt = CURRENT_TIMESTAMP"
        + " where s.userId = :user and s.revokedAt is null")
@NamedQuery(name = Session.REVOKE_ALL_EXCEPT, query = "update Session s set s.revokedAt = CURRENT_TIMESTAMP"
        + " where s.userId = :user and s.revokedAt is null and s.id <> :keep")
public class Session {

    public static final String REVOKE_ALL = "Session.revokeAll";
    public static final String REVOKE_ALL_EXCEPT = "Session.revokeAllExcept";

    public static final int MAX_USER_AGENT = 512;

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "user_agent")
    private String userAgent;

    private String ip;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected Session() {
    }

    public static Session start(UUID userId, Instant now, Duration absoluteLifetime, String userAgent, String ip) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.userId = userId;
        session.createdAt = now;
        session.lastUsedAt = now;
        session.expiresAt = now.plus(absoluteLifetime);
        session.userAgent = userAgent == null ? null : truncate(userAgent, MAX_USER_AGENT);
        session.ip = ip;
        return session;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    public boolean isLive(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }
}
