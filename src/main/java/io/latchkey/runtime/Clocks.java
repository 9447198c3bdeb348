package io.latchkey.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/**
 * The one source of the time: every rule that depends on it takes this clock, so plain unit tests can drive the
 * rules with a fixed or stepping clock instead of sleeping. It ticks in microseconds, PostgreSQL's resolution, so
 * an instant read back from the database equals the one written.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
