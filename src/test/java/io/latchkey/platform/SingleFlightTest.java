package io.latchkey.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    SingleFlight cut = new SingleFlight("test work");

    @Test
    void aTickDuringARunIsSkipped() {
        AtomicInteger runs = new AtomicInteger();
        cut.run(() -> {
            runs.incrementAndGet();
            cut.run(runs::incrementAndGet);
        });
        assertEquals(1, runs.get());
        cut.run(runs::incrementAndGet);
        assertEquals(2, runs.get(), "the next tick runs");
    }

    @Test
    void aFailureIsLeftToTheNextTick() {
        assertDoesNotThrow(() -> cut.run(() -> {
            throw new IllegalStateException("database down");
        }));
        AtomicInteger runs = new AtomicInteger();
        cut.run(runs::incrementAndGet);
        assertEquals(1, runs.get());
    }
}
