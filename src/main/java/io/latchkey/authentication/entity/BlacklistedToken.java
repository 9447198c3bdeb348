package io.latchkey.authentication.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token that is no longer current, with the reason and the instant it would have expired anyway; the
 * housekeeping job deletes it after that, so the table stays bounded.
 */
@Entity
@Table(name = "blacklisted_tokens")
@NamedQuery(name = BlacklistedToken.PRUNE, query = "delete from BlacklistedToken t where t.expiresAt < CURRENT_TIMESTAMP")
public class BlacklistedToken {

    public static final String PRUNE = "BlacklistedToken.prune";

    /** Why a token stopped being current. */
    public enum Reason { ROTATED, LOGOUT, REVOKED, REUSED }

    @Id
    @Column(name = "token_id")
    private String tokenId;

    @Column(name = "session_id")
    private UUID sessionId;

    private String reason;

    @Column(name = "blacklisted_at")
    private Instant blacklistedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected BlacklistedToken() {
    }

    /** The current refresh token of the session, as it leaves service. */
    public static BlacklistedToken currentOf(Session session, Reason reason, Instant now) {
        BlacklistedToken token = new BlacklistedToken();
        token.tokenId = tokenId(session.id(), session.refreshGeneration());
        token.sessionId = session.id();
        token.reason = reason.name();
        token.blacklistedAt = now;
        token.expiresAt = session.refreshExpiresAt();
        return token;
    }

    /** A refresh token's identity: its session and its generation. */
    public static String tokenId(UUID sessionId, long generation) {
        return sessionId + ":" + generation;
    }
}
