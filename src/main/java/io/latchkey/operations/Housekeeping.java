package io.latchkey.operations;

import io.latchkey.runtime.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the tables bounded however long the service runs: every HOUSEKEEPING_INTERVAL (an hour by default), on
 * every instance, rows that can no longer matter are deleted. Deleting is idempotent, so instances need not agree
 * on who does it.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class Housekeeping {

    @Inject
    Pruning pruning;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "housekeeping.interval", defaultValue = "PT1H")
    Duration interval;

    private Periodic runs;

    @PostConstruct
    void start() {
        runs = Periodic.every(interval, "Housekeeping", threads, pruning::prune);
    }

    @PreDestroy
    void stop() {
        runs.stop();
    }
}
