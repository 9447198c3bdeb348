package io.latchkey.tokens.boundary;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.tokens.control.RsaSigning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues the access token: a MicroProfile JWT signed RS256 by the current key, with the {@code kid} in its header
 * so any verifier that trusts the JWKS URL finds the key. It is the only JWT Latchkey issues: refresh, verification
 * and reset tokens are opaque random strings, so no token kind can pass for another. Its {@code typ} is "JWT",
 * which MicroProfile JWT verifiers require.
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    Clock clock;

    public static final String GROUP_USER = "user";
    public static final String GROUP_VERIFIED = "verified";
    /** Operators of Latchkey: the admin API (Latchkey checks the account is still one on every call). */
    public static final String GROUP_ADMIN = "admin";

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "jwt.audience")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "access.token.ttl", defaultValue = "PT10M")
    Duration lifetime;

    @Inject
    @ConfigProperty(name = "jwt.signing.native", defaultValue = "true")
    boolean signNatively;

    /** The signer of the current key, kept until the key changes: making one converts the key every time. */
    private record KeySigner(RSAKey key, RSASSASigner signer) {
    }

    private volatile KeySigner signer;

    /** A signed token, the instant it stops being accepted and its remaining lifetime when issued. */
    public record AccessToken(String token, Instant expiresAt, Duration remaining) {
        /** The remaining lifetime in milliseconds: the reference API's {@code expires_in}. */
        public long expiresInMillis() {
            return Math.max(0, remaining.toMillis());
        }
    }

    /** Who a token is for: the account's id, its address, whether that address is verified, and an admin's group. */
    public record Holder(UUID userId, String email, boolean emailVerified, boolean admin) {

        List<String> groups() {
            List<String> groups = new java.util.ArrayList<>(List.of(GROUP_USER));
            if (emailVerified) {
                groups.add(GROUP_VERIFIED);
            }
            if (admin) {
                groups.add(GROUP_ADMIN);
            }
            return groups;
        }
    }

    /** How and when the holder signed in: the {@code amr} (RFC 8176) and {@code auth_time} (OIDC) claims. */
    public record SignIn(List<String> methods, Instant at) {
    }

    public AccessToken issue(Holder holder, UUID sessionId, SignIn signIn) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(holder.userId().toString())
                .claim("upn", holder.email())
                .claim("groups", holder.groups())
                .claim("email_verified", holder.emailVerified())
                .claim("sid", sessionId.toString())
                .claim("amr", signIn.methods())
                .claim("auth_time", signIn.at().getEpochSecond())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt));
        audience.ifPresent(claims::audience);
        return new AccessToken(sign(claims.build()), expiresAt, Duration.between(clock.instant(), expiresAt));
    }

    private String sign(JWTClaimsSet claims) {
        KeySigner current = signerOf(keys.current());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(current.key().getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(current.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Access token cannot be signed", e);
        }
        return jwt.serialize();
    }

    /** Nimbus signers are thread-safe: one per key serves every request. */
    private KeySigner signerOf(RSAKey key) {
        KeySigner cached = signer;
        if (cached == null || cached.key() != key) {
            try {
                cached = new KeySigner(key, RsaSigning.signer(key, signNatively));
            } catch (JOSEException e) {
                throw new IllegalStateException("The signing key is not an RSA private key", e);
            }
            signer = cached;
        }
        return cached;
    }
}
