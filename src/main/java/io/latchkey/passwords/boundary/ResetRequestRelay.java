package io.latchkey.passwords.boundary;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Resolves reset requests every second, on every instance; rows are claimed with SKIP LOCKED. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ResetRequestRelay {

    private static final Logger LOG = Logger.getLogger(ResetRequestRelay.class.getName());

    @Inject
    PasswordReset resets;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void resolve() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (resets.resolvePending() > 0) {
                // next batch
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Resolving password reset requests failed; they wait for the next tick", e);
        } finally {
            running.set(false);
        }
    }
}
