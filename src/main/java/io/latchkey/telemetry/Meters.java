package io.latchkey.telemetry;

import java.util.function.Supplier;

/**
 * Where {@link Telemetry} records: MicroProfile Metrics where the server has it ({@link MicroProfileMeters} on
 * Payara), nothing where it does not (WildFly 39 ships no MicroProfile Metrics), so one WAR runs on both.
 */
interface Meters {

    /** Adds one to a counter, with optional tag name and value pairs. */
    void increment(String name, String... tags);

    /** Runs the work and records its duration. */
    <T> T time(String name, Supplier<T> work);

    Meters NONE = new Meters() {
        @Override
        public void increment(String name, String... tags) {
            // no metrics on this server
        }

        @Override
        public <T> T time(String name, Supplier<T> work) {
            return work.get();
        }
    };
}
