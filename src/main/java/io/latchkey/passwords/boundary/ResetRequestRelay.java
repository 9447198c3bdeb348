package io.latchkey.passwords.boundary;

import io.latchkey.platform.SingleFlight;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Resolves reset requests every second, on every instance; rows are claimed with SKIP LOCKED. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ResetRequestRelay {

    @Inject
    PasswordReset resets;

    private final SingleFlight ticks = new SingleFlight("Resolving password reset requests");

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void resolve() {
        ticks.run(() -> {
            while (resets.resolvePending() > 0) {
                // next batch
            }
        });
    }
}
