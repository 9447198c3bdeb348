package io.latchkey.mail.control;

import io.latchkey.mail.entity.OutboxMail;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.mail.entity.RetryPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one due mail per transaction. The row stays locked (FOR UPDATE SKIP LOCKED) while it is sent, so other
 * instances pass over it and no mail goes out twice; a crash before the commit leaves the mail due again.
 */
@Stateless
public class OutboxDelivery {

    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    MailSender sender;

    @Inject
    Telemetry telemetry;

    @Inject
    @ConfigProperty(name = "outbox.retry.base", defaultValue = "PT5S")
    Duration retryBase;

    @Inject
    @ConfigProperty(name = "outbox.retry.max", defaultValue = "PT15M")
    Duration retryMax;

    @Inject
    @ConfigProperty(name = "outbox.max-attempts", defaultValue = "10")
    int maxAttempts;

    private RetryPolicy retries;

    @PostConstruct
    void init() {
        retries = new RetryPolicy(retryBase, retryMax, maxAttempts);
    }

    /** Tries the next due mail; false when none is due. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean deliverNext() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<OutboxMail> due = em.createNativeQuery(OutboxMail.CLAIM_NEXT_DUE, OutboxMail.class)
                .setParameter(1, now.atOffset(ZoneOffset.UTC))
                .getResultList();
        if (due.isEmpty()) {
            return false;
        }
        OutboxMail mail = due.get(0);
        try {
            sender.send(mail.mail(), mail.id());
            mail.delivered(now);
            telemetry.mailSent();
        } catch (AddressException e) {
            // No retry can make a refused address right.
            mail.refused(e.getMessage(), now);
            telemetry.mailFailed(true);
            LOG.warning(() -> "Mail not sent, given up: " + e.getMessage());
        } catch (MessagingException e) {
            mail.attemptFailed(e.toString(), now, retries);
            telemetry.mailFailed(mail.hasFailed());
            LOG.warning(() -> "Mail not sent (attempt " + mail.attempts() + (mail.hasFailed() ? ", giving up" : "")
                    + "): " + e);
        }
        return true;
    }
}
