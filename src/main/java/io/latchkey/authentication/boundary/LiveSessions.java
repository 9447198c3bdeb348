package io.latchkey.authentication.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether an access token's session is still live: the one read every authenticated request makes. A plain CDI bean,
 * not an EJB: it needs no transaction (a read, as the EJB's SUPPORTS gave it none either), and the EJB container's
 * interceptors around it cost more CPU than the read (docs/BENCHMARK.md, issue 33).
 */
@ApplicationScoped
public class LiveSessions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** The user behind an access token, if its session is live and theirs: one read of the session and its user. */
    public Optional<User> liveCaller(UUID sessionId, UUID userId) {
        Instant now = clock.instant();
        return em.createNamedQuery(Session.WITH_USER, Object[].class).setParameter("id", sessionId)
                .getResultStream().findFirst()
                .filter(row -> row[0] instanceof Session session && row[1] instanceof User user
                        && user.id().equals(userId) && session.isLive(now, user))
                .map(row -> (User) row[1]);
    }
}
