package io.latchkey.authentication.entity;

import io.latchkey.accounts.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One login on one device: the {@code sid} of its access tokens and the owner of one chain of refresh tokens. The
 * chain's current link is the {@code refreshGeneration}; each refresh moves it on. A session ends when revoked, at
 * its absolute expiry, or when its refresh token is left unused past its (sliding) lifetime.
 */
@Entity
@Table(name = "sessions")
@NamedQuery(name = Session.LIVE_OF_USER, query = "select s from Session s, User u where s.userId = :user"
        + " and u.id = s.userId and s.credentialVersion = u.credentialVersion and s.revokedAt is null"
        + " and s.expiresAt > CURRENT_TIMESTAMP and s.refreshExpiresAt > CURRENT_TIMESTAMP order by s.lastUsedAt desc")
@NamedQuery(name = Session.UNREVOKED_OF_USER, query = "select s from Session s where s.userId = :user and s.revokedAt is null")
@NamedQuery(name = Session.REVOKE_ALL, query = "update Session s set s.revokedAt = :now where s.revokedAt is null"
        + " and s.expiresAt > :now and s.refreshExpiresAt > :now")
@NamedQuery(name = Session.WITH_USER, query = "select s, u from Session s, User u where s.id = :id and u.id = s.userId")
@NamedQuery(name = Session.PRUNE, query = "delete from Session s where s.expiresAt < :now or s.refreshExpiresAt < :now"
        + " or s.revokedAt < :endedBefore")
public class Session {

    public static final String LIVE_OF_USER = "Session.liveOfUser";
    public static final String UNREVOKED_OF_USER = "Session.unrevokedOfUser";
    public static final String WITH_USER = "Session.withUser";
    /** Ends every live session of every account (an admin's answer to a leaked key or database). */
    public static final String REVOKE_ALL = "Session.revokeAll";
    /** Sessions past their lifetimes, and ended ones older than {@code :endedBefore}. */
    public static final String PRUNE = "Session.prune";
    public static final int MAX_USER_AGENT = 512;
    /** RFC 8176 method references: a password, and a one-time code (an authenticator app's or a recovery code). */
    public static final String PASSWORD = "pwd";
    public static final String ONE_TIME_CODE = "otp";
    /** A passkey (a key held in hardware or a platform authenticator), and the user verified by it. */
    public static final String HARDWARE_KEY = "hwk";
    public static final String USER_VERIFIED = "user";
    /** More than one factor where the others alone do not show it (a mailed code, then an app's code: "otp" twice). */
    public static final String MULTIPLE_FACTORS = "mfa";

    /** Why a session was ended before its time. */
    public enum EndReason { LOGOUT, REVOKED, REUSED }

    /** What a presented refresh token of this session is worth now. */
    public enum Presented {
        /** The current token: rotate. */
        CURRENT,
        /** The token just rotated out, within the reuse interval: a parallel request; answer with the current one. */
        JUST_ROTATED,
        /** An older token, or the previous one after the interval: it was copied. End the session. */
        REUSED,
        /** The session is over (revoked, expired, idle too long): refuse. */
        ENDED
    }

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

    @Column(name = "refresh_generation")
    private long refreshGeneration;

    @Column(name = "refresh_expires_at")
    private Instant refreshExpiresAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    /** How the user signed in (RFC 8176 method references, space-separated); refreshes keep it. */
    private String amr;

    /** When the user signed in: the {@code auth_time} of every access token of the session. */
    @Column(name = "auth_time")
    private Instant authTime;

    /** The user's credential version at sign-in: a credential change since then ends the session. */
    @Column(name = "credential_version")
    private long credentialVersion;

    protected Session() {
    }

    public static Session start(User user, Instant now, Duration absoluteLifetime, Duration refreshLifetime,
                                String userAgent, String ip) {
        return start(user, List.of(PASSWORD), now, absoluteLifetime, refreshLifetime, userAgent, ip);
    }

    /** A sign-in with these methods ({@link #PASSWORD}, {@link #ONE_TIME_CODE}), now. */
    public static Session start(User user, List<String> methods, Instant now, Duration absoluteLifetime,
                                Duration refreshLifetime, String userAgent, String ip) {
        Session session = new Session();
        session.amr = String.join(" ", methods);
        session.authTime = now;
        session.id = UUID.randomUUID();
        session.userId = user.id();
        session.credentialVersion = user.credentialVersion();
        session.createdAt = now;
        session.lastUsedAt = now;
        session.expiresAt = now.plus(absoluteLifetime);
        session.refreshExpiresAt = session.capped(now.plus(refreshLifetime));
        session.userAgent = userAgent == null ? null : truncate(userAgent, MAX_USER_AGENT);
        session.ip = ip;
        return session;
    }

    public Presented judge(long presentedGeneration, User user, Instant now, Duration reuseInterval) {
        if (!isLive(now, user)) {
            return Presented.ENDED;
        }
        if (presentedGeneration == refreshGeneration) {
            return Presented.CURRENT;
        }
        if (presentedGeneration == refreshGeneration - 1 && rotatedAt != null
                && now.isBefore(rotatedAt.plus(reuseInterval))) {
            return Presented.JUST_ROTATED;
        }
        return Presented.REUSED;
    }

    /** Moves the chain on: the current generation becomes the previous one, and the refresh lifetime slides. */
    public void rotate(Instant now, Duration refreshLifetime) {
        refreshGeneration++;
        rotatedAt = now;
        lastUsedAt = now;
        refreshExpiresAt = capped(now.plus(refreshLifetime));
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean isLive(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt) && now.isBefore(refreshExpiresAt);
    }

    /** Live, and signed in with the user's current credentials (none changed since). */
    public boolean isLive(Instant now, User user) {
        return isLive(now) && user.id().equals(userId) && user.credentialVersion() == credentialVersion;
    }

    /** The session that made a credential change lives on with the new credentials. */
    public void adoptCredentials(User user) {
        if (user.id().equals(userId)) {
            credentialVersion = user.credentialVersion();
        }
    }

    /** No refresh token outlives its session. */
    private Instant capped(Instant refreshExpiry) {
        return refreshExpiry.isBefore(expiresAt) ? refreshExpiry : expiresAt;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    public UUID id() {
        return id;
    }

    /** How the user signed in, as the {@code amr} claim says it. */
    public List<String> amr() {
        return List.of(amr.split(" "));
    }

    public Instant authTime() {
        return authTime;
    }

    public UUID userId() {
        return userId;
    }

    public long refreshGeneration() {
        return refreshGeneration;
    }

    public Instant refreshExpiresAt() {
        return refreshExpiresAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public String userAgent() {
        return userAgent;
    }

    public String ip() {
        return ip;
    }
}
