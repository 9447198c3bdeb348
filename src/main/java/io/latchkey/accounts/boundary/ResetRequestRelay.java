package io.latchkey.accounts.boundary;

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

/**
 * Resolves password reset and sign-in code requests every second, on every instance; rows are claimed with SKIP
 * LOCKED.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class ResetRequestRelay {

    @Inject
    PasswordReset resets;

    @Inject
    EmailSignIn emailSignIns;

    @Resource
    ManagedThreadFactory threads;

    /** An instance that refuses to serve sends nothing either (its mail settings may be the unsafe ones). */
    @Inject
    ProductionGuard guard;

    private Periodic runs;

    @PostConstruct
    void start() {
        runs = Periodic.every(Duration.ofSeconds(1), "Resolving password reset and sign-in code requests", threads, () -> {
            while (guard.refusals().isEmpty() && resets.resolvePending() > 0) {
                // next batch
            }
            while (guard.refusals().isEmpty() && emailSignIns.resolvePending() > 0) {
                // next batch
            }
        });
    }

    @PreDestroy
    void stop() {
        runs.stop();
    }
}
