package io.latchkey.mail.boundary;

import io.latchkey.mail.entity.Mail;
import io.latchkey.mail.entity.OutboxMail;
import io.latchkey.telemetry.Telemetry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/** Queues mail in the caller's transaction: it is sent if and only if the change that caused it commits. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Outbox {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    Telemetry telemetry;

    public void queue(Mail mail) {
        em.persist(OutboxMail.queue(mail, clock.instant()));
        telemetry.mailQueued();
    }
}
