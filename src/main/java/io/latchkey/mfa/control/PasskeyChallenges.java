package io.latchkey.mfa.control;

import io.latchkey.mfa.entity.PasskeyChallenge;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The challenges of WebAuthn ceremonies, in PostgreSQL so that any instance finishes what another began. A
 * challenge is spent in a transaction of its own, before the response is verified: a response that then fails
 * has still used it up, so no challenge is ever answered twice, rightly or wrongly.
 */
@Stateless
public class PasskeyChallenges {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "webauthn.challenge.ttl", defaultValue = "PT5M")
    Duration lifetime;

    /** A new challenge for a ceremony of this user (none for a sign-in by a discoverable passkey). */
    public PasskeyChallenge.Issued issue(PasskeyChallenge.Purpose purpose, UUID userId) {
        PasskeyChallenge.Issued issued = PasskeyChallenge.issue(purpose, userId, clock.instant(), lifetime);
        em.persist(issued.challenge());
        return issued;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Spends the challenge a response names, under its row lock, and commits that at once. False when it may not
     * answer this ceremony: unknown, spent, expired, of another purpose or another user.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean spend(byte[] challenge, PasskeyChallenge.Purpose purpose, UUID userId) {
        Instant now = clock.instant();
        PasskeyChallenge stored = em.find(PasskeyChallenge.class, PasskeyChallenge.hash(challenge),
                LockModeType.PESSIMISTIC_WRITE);
        if (stored == null || !stored.isGoodFor(purpose, userId, now)) {
            return false;
        }
        stored.use(now);
        return true;
    }
}
