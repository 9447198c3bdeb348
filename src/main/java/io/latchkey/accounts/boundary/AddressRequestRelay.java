package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailLoginRequest;
import io.latchkey.accounts.entity.ResetRequest;
import io.latchkey.production.ProductionGuard;
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

/** Every second, on every instance: answers the waiting reset and sign-in code requests ({@link AddressRequests}). */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class AddressRequestRelay {

    @Inject
    AddressRequests requests;

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
        runs = Periodic.every(Duration.ofSeconds(1), "Answering reset and sign-in code requests", threads, () -> {
            while (guard.refusals().isEmpty() && requests.answerPending(ResetRequest.class, resets::sendLink) > 0) {
                // next batch
            }
            while (guard.refusals().isEmpty()
                    && requests.answerPending(EmailLoginRequest.class, emailSignIns::sendCode) > 0) {
                // next batch
            }
        });
    }

    @PreDestroy
    void stop() {
        runs.stop();
    }
}
