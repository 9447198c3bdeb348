package io.latchkey.passwords.boundary;

import io.latchkey.platform.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;

/** Resolves reset requests every second, on every instance; rows are claimed with SKIP LOCKED. */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class ResetRequestRelay {

    @Inject
    PasswordReset resets;

    @Resource
    ManagedThreadFactory threads;

    private Periodic runs;

    @PostConstruct
    void start() {
        runs = Periodic.every(Duration.ofSeconds(1), "Resolving password reset requests", threads, () -> {
            while (resets.resolvePending() > 0) {
                // next batch
            }
        });
    }

    @PreDestroy
    void stop() {
        runs.stop();
    }
}
