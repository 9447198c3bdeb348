package io.latchkey.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** The application metrics at /metrics (MicroProfile Metrics, scope application), named latchkey.*. */
@ApplicationScoped
public class Telemetry {

    /** How a login ended. */
    public enum Login { SUCCESS, FAILURE, THROTTLED }

    @Inject
    MetricRegistry registry;

    public void login(Login outcome) {
        registry.counter("latchkey.logins", tag("outcome", outcome)).inc();
    }

    public void registration() {
        registry.counter("latchkey.registrations").inc();
    }

    public void refresh() {
        registry.counter("latchkey.refreshes").inc();
    }

    public void reuseDetected() {
        registry.counter("latchkey.refresh.reuse.detections").inc();
    }

    public void revocation(Enum<?> reason) {
        registry.counter("latchkey.session.revocations", tag("reason", reason)).inc();
    }

    public void mailQueued() {
        registry.counter("latchkey.mails.queued").inc();
    }

    public void mailSent() {
        registry.counter("latchkey.mails.sent").inc();
    }

    /** A failed attempt; {@code giveUp} when it was the last one. */
    public void mailFailed(boolean giveUp) {
        registry.counter(giveUp ? "latchkey.mails.failed" : "latchkey.mails.retried").inc();
    }

    /** Times one password hash (or verification), without the wait for a free core. */
    public <T> T timePasswordHash(Supplier<T> hashing) {
        Timer.Context timing = registry.timer("latchkey.password.hash").time();
        try {
            return hashing.get();
        } finally {
            timing.stop();
        }
    }

    private static Tag tag(String name, Enum<?> value) {
        return new Tag(name, value.name().toLowerCase(Locale.ROOT));
    }
}
