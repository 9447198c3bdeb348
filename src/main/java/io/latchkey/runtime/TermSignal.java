package io.latchkey.runtime;

import sun.misc.Signal;

/**
 * The one place that touches {@code sun.misc.Signal}, apart from the bean that uses it: servers whose module system
 * hides {@code jdk.unsupported} from applications (WildFly) must still be able to inspect {@link GracefulStop}.
 */
final class TermSignal {

    private TermSignal() {
    }

    /** Runs this, on a thread of its own, on SIGTERM, instead of the JVM's immediate exit. */
    static void onTerm(Runnable stop) {
        Signal.handle(new Signal("TERM"), signal -> {
            Thread thread = new Thread(stop, "latchkey-graceful-stop");
            thread.setDaemon(true);
            thread.start();
        });
    }
}
