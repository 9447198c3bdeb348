package io.latchkey.operations;

import io.latchkey.authentication.entity.Session;
import io.latchkey.mail.entity.OutboxMail;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.mfa.entity.PasskeyChallenge;
import io.latchkey.telemetry.Audit;
import io.latchkey.throttling.Throttle;
import io.latchkey.tokens.entity.ActionToken;
import io.latchkey.authentication.boundary.SignInOrigins;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One round of housekeeping: each capability's rows that can no longer be used or needed, deleted by the query
 * their owner defines; the retentions are the operator's.
 */
@Stateless
public class Pruning {

    private static final Logger LOG = Logger.getLogger(Pruning.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    Throttle throttle;

    @Inject
    SecondFactor secondFactor;

    @Inject
    SignInOrigins origins;

    @Inject
    io.latchkey.federation.boundary.ProviderFlows providerFlows;

    @Inject
    @ConfigProperty(name = "session.revoked.retention", defaultValue = "PT1H")
    Duration endedSessionRetention;

    @Inject
    @ConfigProperty(name = "outbox.retention", defaultValue = "P7D")
    Duration sentMailRetention;

    @Inject
    @ConfigProperty(name = "outbox.failed.retention", defaultValue = "P30D")
    Duration failedMailRetention;

    @Inject
    @ConfigProperty(name = "audit.retention", defaultValue = "P90D")
    Duration auditRetention;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void prune() {
        Instant now = clock.instant();
        int sessions = em.createNamedQuery(Session.PRUNE).setParameter("now", now)
                .setParameter("endedBefore", now.minus(endedSessionRetention)).executeUpdate();
        int tokens = em.createNamedQuery(ActionToken.PRUNE).setParameter("now", now).executeUpdate();
        int mails = em.createNamedQuery(OutboxMail.PRUNE).setParameter("sentBefore", now.minus(sentMailRetention))
                .setParameter("failedBefore", now.minus(failedMailRetention)).executeUpdate();
        int events = audit.prune(now.minus(auditRetention));
        int counters = throttle.prune();
        int enrolments = secondFactor.pruneAbandonedEnrolments();
        int challenges = em.createNamedQuery(PasskeyChallenge.PRUNE).setParameter("now", now).executeUpdate();
        int places = origins.prune(now);
        int flows = providerFlows.prune(now);
        LOG.fine(() -> "Pruned " + flows + " provider flows, " + places + " sign-in origins, " + sessions + " sessions, " + tokens + " action tokens, " + mails + " mails, "
                + events + " audit events, " + counters + " throttle counters, " + enrolments + " abandoned enrolments, " + challenges + " passkey challenges");
    }
}
