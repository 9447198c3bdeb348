package io.latchkey.mail.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the outbox every second on every instance. A tick that is still sending when the next one fires makes
 * that one skip, rather than queue behind it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int MAILS_PER_TICK = 50;

    @Inject
    OutboxDelivery delivery;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void relay() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (int sent = 0; sent < MAILS_PER_TICK && delivery.deliverNext(); sent++) {
                // one mail per transaction
            }
        } catch (RuntimeException e) {
            // The database may be down: the mails wait in the outbox, the next tick tries again.
            LOG.log(Level.WARNING, "Outbox relay tick failed", e);
        } finally {
            running.set(false);
        }
    }
}
