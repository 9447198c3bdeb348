package io.latchkey.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The metrics at /metrics (MicroProfile Metrics, scope application). The only class besides {@link OutboxBacklog}
 * that names MicroProfile Metrics types: on a server without them the CDI container cannot load it and skips it.
 */
@ApplicationScoped
class MicroProfileMeters implements Meters {

    @Inject
    MetricRegistry registry;

    @Override
    public void increment(String name, String... tags) {
        Tag[] pairs = new Tag[tags.length / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
        }
        registry.counter(name, pairs).inc();
    }

    @Override
    public <T> T time(String name, Supplier<T> work) {
        Timer.Context timing = registry.timer(name).time();
        try {
            return work.get();
        } finally {
            timing.stop();
        }
    }
}
