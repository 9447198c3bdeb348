package io.latchkey.it.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Tokens made in the test, with the service's real signing key (read from its database) or a foreign one, so
 * each validation rule can be hit by a token that breaks exactly that rule.
 */
public final class Mint {

    /** The audience the suite configures (JWT_AUDIENCE, MP_JWT_VERIFY_AUDIENCES). */
    public static final String AUDIENCE = "latchkey-suite";

    private Mint() {
    }

    public static RSAKey serviceKey() {
        try {
            String kid = activeKid();
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            byte[] priv = Base64.getDecoder().decode(Database.value("select private_key from signing_keys where kid = ?", kid).orElseThrow());
            byte[] pub = Base64.getDecoder().decode(Database.value("select public_key from signing_keys where kid = ?", kid).orElseThrow());
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(pub)))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(priv)))
                    .keyID(kid).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key the service signs with now (a newer one may be published and not yet active). */
    public static String activeKid() {
        return Database.value("select kid from signing_keys where activates_at <= now()"
                + " and (retired_at is null or retired_at > now()) order by created_at desc limit 1").orElseThrow();
    }

    public static RSAKey foreignKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a valid access token for the user's live session, to be broken one at a time by the caller. */
    public static JWTClaimsSet.Builder claims(String userId, String sessionId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(Api.BASE)
                .subject(userId)
                .claim("upn", "someone@example.test")
                .claim("groups", List.of("user"))
                .claim("email_verified", false)
                .claim("sid", sessionId)
                .audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
