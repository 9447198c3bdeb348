package io.latchkey.mail.control;

import io.latchkey.runtime.Periodic;
import io.latchkey.production.ProductionGuard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;

/** Drains the outbox every second on every instance, one mail per transaction. */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class OutboxRelay {

    private static final int MAILS_PER_RUN = 50;

    @Inject
    OutboxDelivery delivery;

    @Resource
    ManagedThreadFactory threads;

    /** An instance that refuses to serve sends nothing either (its mail settings may be the unsafe ones). */
    @Inject
    ProductionGuard guard;

    private Periodic runs;

    @PostConstruct
    void start() {
        runs = Periodic.every(Duration.ofSeconds(1), "Outbox relay", threads, () -> {
            for (int sent = 0; sent < MAILS_PER_RUN && guard.refusals().isEmpty() && delivery.deliverNext(); sent++) {
                // one mail per transaction
            }
        });
    }

    @PreDestroy
    void stop() {
        runs.stop();
    }
}
