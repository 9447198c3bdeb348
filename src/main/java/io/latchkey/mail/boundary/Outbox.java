package io.latchkey.mail.boundary;

import io.latchkey.mail.entity.Mail;
import io.latchkey.mail.entity.OutboxMail;
import io.latchkey.operations.Telemetry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Queues mail in the caller's transaction: it is sent if and only if the change that caused it commits. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Outbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    Telemetry telemetry;

    public void queue(Mail mail) {
        em.persist(OutboxMail.queue(mail, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        telemetry.mailQueued();
    }
}
