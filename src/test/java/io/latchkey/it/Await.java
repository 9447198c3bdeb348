package io.latchkey.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polling for what the server does on its own time (the outbox relay, housekeeping, key reloads). */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, what, Duration.ofSeconds(15));
    }

    static void until(BooleanSupplier condition, String what, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Mailbox.sleep(Duration.ofMillis(200));
        }
    }
}
