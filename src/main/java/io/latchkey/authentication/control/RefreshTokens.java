package io.latchkey.authentication.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import io.latchkey.runtime.KeyRing;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refresh tokens as opaque strings: {@code lkrt_} and the URL-safe Base64 of a version byte, the session id, the
 * generation and an HMAC-SHA256 over them. Nothing secret is stored per token, so the current token of a session
 * can be given again to a parallel request; without the key, no token can be made or altered. The key is generated
 * by the first instance (or set with REFRESH_TOKEN_KEY) and shared by all through the database.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RefreshTokens {

    static final String PREFIX = "lkrt_";
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;
    private static final int PAYLOAD_BYTES = 1 + 16 + 8;
    private static final String KEY_NAME = "refresh-token";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** What a well-formed, authentic refresh token names. */
    public record RefreshToken(UUID sessionId, long generation) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "refresh.token.key")
    Optional<String> configuredKey;

    @Inject
    KeyRing keyRing;

    private volatile SecretKeySpec key;

    @PostConstruct
    void loadKey() {
        key = new SecretKeySpec(keyRing.key(KEY_NAME, configuredKey, "REFRESH_TOKEN_KEY", 32, false), "HmacSHA256");
    }

    public String mint(UUID sessionId, long generation) {
        ByteBuffer token = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES);
        token.put(VERSION).putLong(sessionId.getMostSignificantBits()).putLong(sessionId.getLeastSignificantBits())
                .putLong(generation);
        token.put(mac(token.array(), PAYLOAD_BYTES));
        return PREFIX + ENCODER.encodeToString(token.array());
    }

    /** The session and generation of an authentic token; empty for anything else, whatever it is. */
    public Optional<RefreshToken> read(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 128) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(presented.substring(PREFIX.length()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        if (bytes.length != PAYLOAD_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] expected = mac(bytes, PAYLOAD_BYTES);
        byte[] actual = java.util.Arrays.copyOfRange(bytes, PAYLOAD_BYTES, bytes.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, 1, PAYLOAD_BYTES - 1);
        return Optional.of(new RefreshToken(new UUID(payload.getLong(), payload.getLong()), payload.getLong()));
    }

    /**
     * An HMAC with the same key for another purpose, domain-separated by its name: other tokens of the service that
     * need no state of their own (device cookies).
     */
    public byte[] seal(String purpose, String data) {
        byte[] text = (purpose + "\u0000" + data).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return mac(text, text.length);
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(data, 0, length);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
