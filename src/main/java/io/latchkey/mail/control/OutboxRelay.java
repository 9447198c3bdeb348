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
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    /** How long a stop waits for the mail being sent: its transaction must commit, or another instance resends it. */
    @Inject
    @ConfigProperty(name = "shutdown.timeout", defaultValue = "PT30S")
    Duration stopBound;

    private Periodic runs;

    private volatile boolean stopping;

    @PostConstruct
    void start() {
        runs = Periodic.every(Duration.ofSeconds(1), "Outbox relay", threads, () -> {
            for (int sent = 0; sent < MAILS_PER_RUN && !stopping && guard.refusals().isEmpty()
                    && delivery.deliverNext(); sent++) {
                // one mail per transaction
            }
        });
    }

    /**
     * At a stop, no further mail is taken, and the one being sent is finished and committed before the server goes
     * on stopping (and closes the pool under it): a mail is neither lost nor sent twice by a stop.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        runs.stopAndAwait(stopBound);
    }
}
