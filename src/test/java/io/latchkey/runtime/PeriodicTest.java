package io.latchkey.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {

    @Test
    void aFailedRunDoesNotStopTheNextOnes() throws InterruptedException {
        CountDownLatch threeRuns = new CountDownLatch(3);
        Periodic cut = Periodic.every(Duration.ofMillis(10), "test work", Executors.defaultThreadFactory(), () -> {
            threeRuns.countDown();
            throw new IllegalStateException("database down");
        });
        try {
            assertTrue(threeRuns.await(5, TimeUnit.SECONDS), "it kept running after failures");
        } finally {
            cut.stop();
        }
    }

    @Test
    void runsNeverOverlapAndStopEndsThem() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Periodic cut = Periodic.every(Duration.ofMillis(1), "test work", Executors.defaultThreadFactory(), () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            runs.incrementAndGet();
            sleep(5);
            running.decrementAndGet();
        });
        Thread.sleep(200);
        cut.stop();
        Thread.sleep(50);
        int afterStop = runs.get();
        Thread.sleep(100);
        assertTrue(afterStop > 5, "it ran repeatedly: " + afterStop);
        assertEquals(0, overlaps.get());
        assertEquals(afterStop, runs.get(), "no run after stop");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
