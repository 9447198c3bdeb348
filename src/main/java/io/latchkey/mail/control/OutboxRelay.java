package io.latchkey.mail.control;

import io.latchkey.platform.SingleFlight;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Drains the outbox every second on every instance, one mail per transaction. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay {

    private static final int MAILS_PER_TICK = 50;

    @Inject
    OutboxDelivery delivery;

    private final SingleFlight ticks = new SingleFlight("Outbox relay");

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void relay() {
        ticks.run(() -> {
            for (int sent = 0; sent < MAILS_PER_TICK && delivery.deliverNext(); sent++) {
                // one mail per transaction
            }
        });
    }
}
