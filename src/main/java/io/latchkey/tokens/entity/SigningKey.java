package io.latchkey.tokens.entity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An RSA key pair that signs access tokens, kept in the database so that every instance signs and verifies with
 * the same keys and restarts keep accepting the tokens already issued.
 */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKey.NEWEST_FIRST, query = "select k from SigningKey k order by k.createdAt desc")
public class SigningKey {

    public static final String NEWEST_FIRST = "SigningKey.newestFirst";
    private static final int RSA_BITS = 2048;

    @Id
    private String kid;

    private String algorithm;

    @Column(name = "private_key")
    private String privateKey;

    @Column(name = "public_key")
    private String publicKey;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "activates_at")
    private Instant activatesAt;

    protected SigningKey() {
    }

    /** A new key that starts signing at {@code activatesAt}; until then it is only published. */
    public static SigningKey generate(Instant now, Instant activatesAt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            SigningKey key = of(generator.generateKeyPair(), now);
            key.activatesAt = activatesAt;
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA keys cannot be generated", e);
        }
    }

    public static SigningKey of(KeyPair pair, Instant now) {
        SigningKey key = new SigningKey();
        key.algorithm = JWSAlgorithm.RS256.getName();
        key.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        key.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        key.createdAt = now;
        key.kid = key.toJwk(pair).getKeyID();
        return key;
    }

    /** The key as a JWK with its private part, identified by its RFC 7638 thumbprint. */
    public RSAKey toJwk() {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return toJwk(new KeyPair(
                    rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing key " + kid + " cannot be read", e);
        }
    }

    private RSAKey toJwk(KeyPair pair) {
        RSAKey.Builder builder = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.parse(algorithm));
        if (kid != null) {
            return builder.keyID(kid).build();
        }
        try {
            return builder.keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("Key thumbprint cannot be computed", e);
        }
    }

    /** Whether tokens signed with this key may still be in use, so its public key must stay published. */
    public boolean isPublished(Instant now, Duration grace) {
        return retiredAt == null || retiredAt.plus(grace).isAfter(now);
    }

    /** Whether this key may sign now: activated, and not yet replaced. */
    public boolean signs(Instant now) {
        return !activatesAt.isAfter(now) && (retiredAt == null || retiredAt.isAfter(now));
    }

    /** Stops signing when its successor starts; stays published for the grace period after. */
    public void retireAt(Instant at) {
        if (retiredAt == null || retiredAt.isAfter(at)) {
            retiredAt = at;
        }
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String kid() {
        return kid;
    }
}
