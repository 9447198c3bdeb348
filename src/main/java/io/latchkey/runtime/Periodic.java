package io.latchkey.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work that runs every interval on a thread of its own, made by the container's managed thread factory (so it can
 * call EJBs and look up resources), one run at a time: the next run starts an interval after the previous one
 * ended, so runs never pile up. Each piece of work has its own thread, so a mail server that hangs never delays
 * the reload of signing keys. A failure is logged and left to the next run: the database may be down, the work
 * waits in its table.
 *
 * <p>Not EJB timers: on Payara Micro those live in the Hazelcast data grid, which Latchkey keeps switched off
 * because its port takes administration commands from anyone who can reach it.
 */
public final class Periodic {

    private static final Logger LOG = Logger.getLogger(Periodic.class.getName());

    private final ScheduledExecutorService thread;

    private Periodic(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    public static Periodic every(Duration interval, String name, ThreadFactory threads, Runnable work) {
        long millis = interval.toMillis();
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(threads);
        thread.scheduleWithFixedDelay(() -> runGuarded(name, work), millis, millis, TimeUnit.MILLISECONDS);
        return new Periodic(thread);
    }

    /** Stops further runs (at undeployment); a run under way finishes. */
    public void stop() {
        thread.shutdown();
    }

    /** Stops further runs and waits, at most this long, for the one under way. */
    public void stopAndAwait(Duration bound) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("A run was still under way " + bound + " after the stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runGuarded(String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // Thrown out of the task, it would cancel every later run.
            LOG.log(Level.WARNING, name + " failed; the next run tries again", e);
        }
    }
}
