package io.latchkey.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A one-time token sent by mail for one purpose. The token is 256 random bits behind a prefix naming its kind;
 * only its SHA-256 is stored, and it is honoured only for its own kind, before its expiry.
 */
@Entity
@Table(name = "action_tokens")
@NamedQuery(name = ActionToken.SUPERSEDE, query = "update ActionToken t set t.usedAt = :now"
        + " where t.userId = :user and t.kind = :kind and t.usedAt is null")
@NamedQuery(name = ActionToken.NEWEST, query = "select t from ActionToken t where t.userId = :user and t.kind = :kind"
        + " order by t.createdAt desc")
@NamedQuery(name = ActionToken.NEWEST_LIVE, query = "select t from ActionToken t where t.userId = :user"
        + " and t.kind = :kind and t.usedAt is null and t.expiresAt > :now order by t.createdAt desc")
@NamedQuery(name = ActionToken.WRONG_ANSWER, query = "update ActionToken t set t.attempts = t.attempts + 1,"
        + " t.usedAt = case when t.attempts + 1 >= :max then :now else t.usedAt end"
        + " where t.tokenHash = :hash and t.usedAt is null")
@NamedQuery(name = ActionToken.LIVE_CARRYING, query = "select count(t) from ActionToken t where t.kind = :kind"
        + " and lower(t.payload) = :payload and t.usedAt is null and t.expiresAt > :now and t.userId <> :except")
@NamedQuery(name = ActionToken.PRUNE, query = "delete from ActionToken t where t.expiresAt < :now")
public class ActionToken {

    public static final String SUPERSEDE = "ActionToken.supersede";
    public static final String NEWEST = "ActionToken.newest";
    /** The newest token of a kind for a user that may still be honoured. */
    public static final String NEWEST_LIVE = "ActionToken.newestLive";
    /** {@link #wrongAnswer} as one statement, for {@code :hash}, which may match no token. */
    public static final String WRONG_ANSWER = "ActionToken.wrongAnswer";
    /** Live tokens of a kind carrying a value, held by users other than {@code :except}. */
    public static final String LIVE_CARRYING = "ActionToken.liveCarrying";
    /** Tokens past their expiry, used or not: none can be redeemed any more. */
    public static final String PRUNE = "ActionToken.prune";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    /** The purposes, each with the prefix that makes its tokens recognisable (in logs, in leak scanners). */
    public enum Kind {
        VERIFY_EMAIL("lkv_"), RESET_PASSWORD("lkr_"),
        /** The second step of a login: issued when the password was right, spent with a second-factor code. */
        MFA_LOGIN("lkm_"),
        /** An email change: spent from the new address, it makes the change. Its payload is the new address. */
        CHANGE_EMAIL("lkc_"),
        /** The undo of an email change, sent to the old address. Its payload is the old address. */
        UNDO_EMAIL_CHANGE("lku_"),
        /** A sign-in by mail: the link's token, with a 6-digit code for typing instead. */
        EMAIL_LOGIN("lke_");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A token just made: the entity to store and the secret to send, which is never stored. */
    public record Issued(ActionToken token, String secret) {
    }

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    /** Wrong answers given with this token (for tokens that are spent with a code). */
    private int attempts;

    /** The user's credential version when issued, for tokens that stand for a credential check just made. */
    @Column(name = "credential_version")
    private Long credentialVersion;

    /** A value the token carries (an address, see {@link Kind}). */
    private String payload;

    /** The hash of a code that spends this token too (see {@link #withCode()}). */
    @Column(name = "code_hash")
    private String codeHash;

    protected ActionToken() {
    }

    public static Issued issue(Kind kind, UUID userId, Instant now, Duration lifetime) {
        return issue(kind, userId, (Long) null, now, lifetime);
    }

    /** A token that stands for a check of the credentials of this version: void once they change. */
    public static Issued issue(Kind kind, UUID userId, Long credentialVersion, Instant now, Duration lifetime) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String secret = kind.prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ActionToken token = new ActionToken();
        token.tokenHash = hash(secret);
        token.kind = kind;
        token.userId = userId;
        token.createdAt = now;
        token.expiresAt = now.plus(lifetime);
        token.credentialVersion = credentialVersion;
        return new Issued(token, secret);
    }

    /** A token that carries a value for its purpose. */
    public static Issued carrying(String payload, Kind kind, UUID userId, Instant now, Duration lifetime) {
        Issued issued = issue(kind, userId, (Long) null, now, lifetime);
        issued.token().payload = payload;
        return issued;
    }

    /** Sets the value this token carries, before it is stored. */
    public void carry(String value) {
        payload = value;
    }

    /**
     * A 6-digit code that spends this token too, for a person who types it rather than opens the link. Only a hash
     * of it, bound to this token, is kept; the code alone is guessable, so its wrong tries are counted
     * ({@link #wrongAnswer}).
     */
    public String withCode() {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        codeHash = hash(tokenHash + ":" + code);
        return code;
    }

    /** Whether this is the token's code; in constant time. */
    public boolean codeMatches(String code) {
        if (codeHash == null || code == null) {
            return false;
        }
        return MessageDigest.isEqual(codeHash.getBytes(StandardCharsets.US_ASCII),
                hash(tokenHash + ":" + code.strip()).getBytes(StandardCharsets.US_ASCII));
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether this token may be honoured now for the given purpose. */
    public boolean isRedeemable(Kind purpose, Instant now) {
        return kind == purpose && usedAt == null && now.isBefore(expiresAt);
    }

    public void use(Instant now) {
        usedAt = now;
    }

    /** A wrong code was given with this token; the {@code max}-th one spends it. */
    public void wrongAnswer(int max, Instant now) {
        attempts++;
        if (attempts >= max) {
            supersede(now);
        }
    }

    /** Whether the credentials this token stands for are still the user's. */
    public boolean isFor(long currentCredentialVersion) {
        return credentialVersion != null && credentialVersion == currentCredentialVersion;
    }

    /** A newer token of its kind was issued, or the password changed: this one is spent without use (see SUPERSEDE). */
    public void supersede(Instant now) {
        if (usedAt == null) {
            usedAt = now;
        }
    }

    public String payload() {
        return payload;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public UUID userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
