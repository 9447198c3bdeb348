package io.latchkey.platform;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs periodic work one run at a time: a tick that fires while the previous one still works is skipped rather
 * than queued, and a failure is logged and left to the next tick (the database may be down; the work waits in
 * its table).
 */
public final class SingleFlight {

    private static final Logger LOG = Logger.getLogger(SingleFlight.class.getName());

    private final String name;
    private final AtomicBoolean running = new AtomicBoolean();

    public SingleFlight(String name) {
        this.name = name;
    }

    public void run(Runnable work) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " failed; the next tick tries again", e);
        } finally {
            running.set(false);
        }
    }
}
