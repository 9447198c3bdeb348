package io.latchkey.mfa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * The challenge of one WebAuthn ceremony: 256 random bits the browser has the authenticator sign. Only its hash is
 * stored; it is good once, for its own purpose (and, but for a sign-in alone, its own user), until it expires.
 */
@Entity
@Table(name = "passkey_challenges")
@NamedQuery(name = PasskeyChallenge.PRUNE, query = "delete from PasskeyChallenge c where c.expiresAt < :now")
public class PasskeyChallenge {

    public static final String PRUNE = "PasskeyChallenge.prune";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The ceremonies: adding a passkey, signing in with one alone, and with one after a password. */
    public enum Purpose { REGISTER, SIGN_IN, SECOND_STEP }

    /** A challenge just made: the entity to store and the bytes to send, which are never stored. */
    public record Issued(PasskeyChallenge challenge, byte[] value) {
        public String base64Url() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        }
    }

    @Id
    @Column(name = "challenge_hash")
    private String challengeHash;

    @Enumerated(EnumType.STRING)
    private Purpose purpose;

    /** The user's id as text; none for a sign-in alone (the authenticator says whose credential it is). */
    @Column(name = "user_id")
    private String userId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasskeyChallenge() {
    }

    public static Issued issue(Purpose purpose, UUID userId, Instant now, Duration lifetime) {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        PasskeyChallenge challenge = new PasskeyChallenge();
        challenge.challengeHash = hash(value);
        challenge.purpose = purpose;
        challenge.userId = userId == null ? null : userId.toString();
        challenge.createdAt = now;
        challenge.expiresAt = now.plus(lifetime);
        return new Issued(challenge, value);
    }

    public static String hash(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether this challenge may answer a ceremony of this purpose, for this user (null: a sign-in), now. */
    public boolean isGoodFor(Purpose wanted, UUID user, Instant now) {
        return purpose == wanted && Objects.equals(userId, user == null ? null : user.toString()) && usedAt == null
                && now.isBefore(expiresAt);
    }

    public void use(Instant now) {
        usedAt = now;
    }
}
