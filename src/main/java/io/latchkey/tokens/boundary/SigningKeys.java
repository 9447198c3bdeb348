package io.latchkey.tokens.boundary;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.latchkey.tokens.entity.SigningKey;
import io.latchkey.runtime.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.SessionContext;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The signing keys, held parsed in memory (signing never touches the database) and reloaded from it every
 * SIGNING_KEY_RELOAD, so that all instances publish and use the same keys.
 *
 * <p>Rotation is a configuration change: with SIGNING_KEY_ROTATE_AFTER set to an instant later than the newest
 * key, the next instance to start (or to reload) generates a key that is published at once and signs only after
 * SIGNING_KEY_ACTIVATION_DELAY, when every instance and every JWKS cache knows it. The old key then stops
 * signing and stays published for a day, so its tokens stay valid until they expire.
 *
 * <p>With JWT_SIGNING_KEY (a PKCS#8 PEM RSA key) set, that key alone signs and is published.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SigningKeys {

    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    /** Any constant: the lock that makes key generation happen once however many instances start together. */
    private static final long KEY_GENERATION_LOCK = 0x4c61746368L;
    /** Retired keys stay published this long, beyond any access token lifetime one would configure. */
    private static final Duration RETIRED_KEY_GRACE = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    @Resource
    ManagedThreadFactory threads;

    /** This bean as the container serves it, so that each scheduled reload runs in a transaction of its own. */
    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "jwt.signing-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "signing-key.rotate-after")
    Optional<String> rotateAfter;

    @Inject
    @ConfigProperty(name = "signing-key.activation-delay", defaultValue = "PT10M")
    Duration activationDelay;

    @Inject
    @ConfigProperty(name = "signing-key.reload", defaultValue = "PT1M")
    Duration reloadInterval;

    /** Where the server's MicroProfile JWT reads the keys that verify tokens: logged, as it differs per server. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> verificationKeys;

    private volatile RSAKey current;
    private volatile String publicJwks;
    private Periodic reloads;

    @PostConstruct
    void start() {
        LOG.info(() -> "MicroProfile JWT verifies access tokens with the key set at "
                + verificationKeys.orElse("(not configured)"));
        if (configuredKey.isPresent()) {
            useConfiguredKey(configuredKey.get());
            return;
        }
        load();
        SigningKeys self = context.getBusinessObject(SigningKeys.class);
        reloads = Periodic.every(reloadInterval, "Reloading signing keys (the keys in memory stay in use)", threads,
                self::reload);
    }

    @PreDestroy
    void stop() {
        if (reloads != null) {
            reloads.stop();
        }
    }

    /** Reads the keys again (other instances may have rotated them). Public for the scheduler, through the container. */
    public void reload() {
        load();
    }

    private void load() {
        Instant now = clock.instant();
        List<SigningKey> keys = allKeys();
        if (keys.isEmpty() || rotationDue(keys)) {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, KEY_GENERATION_LOCK).getResultList();
            keys = allKeys();
            if (keys.isEmpty()) {
                em.persist(SigningKey.generate(now, now));
                keys = allKeys();
            } else if (rotationDue(keys)) {
                Instant activation = now.plus(activationDelay);
                keys.forEach(key -> key.retireAt(activation));
                em.persist(SigningKey.generate(now, activation));
                keys = allKeys();
                LOG.info("New signing key generated; it signs from " + activation);
            }
        }
        List<SigningKey> published = keys.stream().filter(key -> key.isPublished(now, RETIRED_KEY_GRACE)).toList();
        SigningKey signing = published.stream().filter(key -> key.signs(now)).findFirst()
                .orElseGet(() -> published.get(published.size() - 1));
        current = signing.toJwk();
        publicJwks = new JWKSet(published.stream().map(key -> (JWK) key.toJwk().toPublicJWK()).toList()).toString();
        PublishedKeySet.publish(publicJwks);
    }

    private List<SigningKey> allKeys() {
        return em.createNamedQuery(SigningKey.NEWEST_FIRST, SigningKey.class).getResultList();
    }

    private boolean rotationDue(List<SigningKey> keys) {
        return rotateAfter.map(Instant::parse)
                .map(after -> keys.stream().map(SigningKey::createdAt).max(Comparator.naturalOrder())
                        .map(newest -> newest.isBefore(after)).orElse(true))
                .orElse(false);
    }

    private void useConfiguredKey(String pem) {
        try {
            byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            current = new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("JWT_SIGNING_KEY is not a PKCS#8 PEM-encoded RSA private key", e);
        }
        publicJwks = new JWKSet(current.toPublicJWK()).toString();
        PublishedKeySet.publish(publicJwks);
    }

    /** The key new tokens are signed with. */
    public RSAKey current() {
        return current;
    }

    /** The public keys that verify tokens, as a JWK Set document. */
    public String publicJwks() {
        return publicJwks;
    }
}
