package io.latchkey.telemetry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** The application metrics, named latchkey.*: what the service counts and times, whatever records it. */
@ApplicationScoped
public class Telemetry {

    private static final Logger LOG = Logger.getLogger(Telemetry.class.getName());

    /** How a login ended. */
    public enum Login { SUCCESS, FAILURE, THROTTLED, SECOND_STEP }

    @Inject
    Instance<Meters> available;

    private Meters meters;

    @PostConstruct
    void init() {
        if (available.isResolvable()) {
            meters = available.get();
        } else {
            LOG.info("This server has no MicroProfile Metrics: the latchkey.* metrics are not recorded");
            meters = Meters.NONE;
        }
    }

    public void login(Login outcome) {
        meters.increment("latchkey.logins", "outcome", lowerCase(outcome));
    }

    public void registration() {
        meters.increment("latchkey.registrations");
    }

    public void refresh() {
        meters.increment("latchkey.refreshes");
    }

    public void reuseDetected() {
        meters.increment("latchkey.refresh.reuse.detections");
    }

    public void revocation(Enum<?> reason) {
        meters.increment("latchkey.session.revocations", "reason", lowerCase(reason));
    }

    public void mailQueued() {
        meters.increment("latchkey.mails.queued");
    }

    public void mailSent() {
        meters.increment("latchkey.mails.sent");
    }

    /** A failed attempt; {@code giveUp} when it was the last one. */
    public void mailFailed(boolean giveUp) {
        meters.increment(giveUp ? "latchkey.mails.failed" : "latchkey.mails.retried");
    }

    /** Times one password hash (or verification), without the wait for a free core. */
    public <T> T timePasswordHash(Supplier<T> hashing) {
        return meters.time("latchkey.password.hash", hashing);
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
