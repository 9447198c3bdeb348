package io.latchkey.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polling for what the server does on its own time (the outbox relay, housekeeping, key reloads). */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) {
        until(condition, what, Duration.ofSeconds(15));
    }

    public static void until(BooleanSupplier condition, String what, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Mailbox.sleep(Duration.ofMillis(200));
        }
    }
}
