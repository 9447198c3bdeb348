package io.latchkey.mail.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/** Mails waiting to be sent: a growing backlog means the SMTP server is down or too slow. */
@ApplicationScoped
public class OutboxBacklog {

    @PersistenceContext
    EntityManager em;

    /** Created with the application, so the gauge is there before anyone asks for it. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the bean exists now; its gauge is registered
    }

    @Gauge(name = "latchkey.outbox.backlog", unit = MetricUnits.NONE, absolute = true,
            description = "Mails queued and neither sent nor given up on")
    public long backlog() {
        return ((Number) em.createNativeQuery(
                "select count(*) from outbox_mails where sent_at is null and failed_at is null").getSingleResult())
                .longValue();
    }
}
