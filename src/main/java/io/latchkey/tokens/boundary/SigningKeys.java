package io.latchkey.tokens.boundary;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.latchkey.tokens.entity.SigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The keys of this deployment, loaded once at start and held parsed in memory: signing must not touch the
 * database. The first instance to start on an empty database generates the key; the others wait for it on an
 * advisory lock and use the same one.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SigningKeys {

    /** Any constant: the lock that makes key generation happen once however many instances start together. */
    private static final long KEY_GENERATION_LOCK = 0x4c61746368L;
    /** Retired keys stay published this long, beyond the longest access token lifetime one would configure. */
    private static final Duration RETIRED_KEY_GRACE = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    private volatile RSAKey current;
    private volatile String publicJwks;

    @PostConstruct
    void load() {
        List<SigningKey> published = published();
        if (published.isEmpty()) {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, KEY_GENERATION_LOCK).getResultList();
            published = published();
            if (published.isEmpty()) {
                SigningKey generated = SigningKey.generate(Instant.now());
                em.persist(generated);
                published = List.of(generated);
            }
        }
        List<RSAKey> keys = published.stream().map(SigningKey::toJwk).toList();
        current = keys.get(0);
        publicJwks = new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                .toString();
    }

    private List<SigningKey> published() {
        Instant now = Instant.now();
        return em.createNamedQuery(SigningKey.NEWEST_FIRST, SigningKey.class).getResultStream()
                .filter(key -> key.isPublished(now, RETIRED_KEY_GRACE))
                .toList();
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
