package io.latchkey.platform;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What housekeeping deletes, each kind of row once it can no longer be used or needed. */
@Stateless
public class Pruning {

    private static final Logger LOG = Logger.getLogger(Pruning.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "session.revoked.retention", defaultValue = "PT1H")
    Duration revokedSessionRetention;

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
        int events = delete("delete from audit_events where occurred_at < now() - make_interval(secs => ?1)", auditRetention);
        int blacklisted = delete("delete from blacklisted_tokens where expires_at < now()");
        int sessions = delete("delete from sessions where expires_at < now() or refresh_expires_at < now()"
                + " or revoked_at < now() - make_interval(secs => ?1)", revokedSessionRetention);
        int tokens = delete("delete from action_tokens where expires_at < now()");
        int counters = delete("delete from throttle_counters where window_start < now() - interval '1 day'"
                + " and (blocked_until is null or blocked_until < now())");
        int mails = delete("delete from outbox_mails where sent_at < now() - make_interval(secs => ?1)", sentMailRetention)
                + delete("delete from outbox_mails where failed_at < now() - make_interval(secs => ?1)", failedMailRetention);
        LOG.fine(() -> "Pruned " + blacklisted + " blacklisted tokens, " + sessions + " sessions, " + tokens
                + " action tokens, " + counters + " throttle counters, " + mails + " mails, " + events + " audit events");
    }

    private int delete(String sql, Duration... age) {
        var query = em.createNativeQuery(sql);
        if (age.length > 0) {
            query.setParameter(1, (double) age[0].toSeconds());
        }
        return query.executeUpdate();
    }
}
