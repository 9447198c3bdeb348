package io.latchkey.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A stop on SIGTERM that no caller notices. Readiness goes DOWN at once, while the instance goes on serving for
 * SHUTDOWN_DRAIN_DELAY, long enough for a load balancer's health check to take it out of rotation; then the JVM
 * exits as on any SIGTERM (the server stops, the application's {@code @PreDestroy} methods run: the outbox relay
 * finishes the mail it holds). If that takes longer than SHUTDOWN_TIMEOUT from the signal, the process halts.
 *
 * <p>The JVM's own handler of SIGTERM starts the exit at once, closing the port under requests a balancer is
 * still sending; this one replaces it. Where a JVM has no such signal, or the server hides {@code sun.misc} from
 * applications (WildFly, whose own stop then applies), nothing changes.
 */
@Startup
@Singleton
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());

    @Inject
    @ConfigProperty(name = "shutdown.drain.delay", defaultValue = "PT5S")
    Duration drainDelay;

    @Inject
    @ConfigProperty(name = "shutdown.timeout", defaultValue = "PT30S")
    Duration timeout;

    private volatile boolean draining;

    /** The server's class loader, taken where the application runs: the signal's thread has none of its own. */
    private ClassLoader server;

    @PostConstruct
    void install() {
        server = ConfigProvider.getConfig().getClass().getClassLoader();
        try {
            TermSignal.onTerm(this::drainThenExit);
        } catch (IllegalArgumentException | LinkageError | SecurityException unavailable) {
            LOG.log(Level.INFO, "SIGTERM stops this instance at once: no signal handler could be installed", unavailable);
        }
    }

    /** True from the SIGTERM on: readiness says DOWN, responses ask clients not to keep their connections. */
    public boolean isDraining() {
        return draining;
    }

    private void drainThenExit() {
        if (draining) {
            return;
        }
        draining = true;
        Thread watchdog = new Thread(() -> {
            sleep(timeout);
            LOG.severe("The stop took longer than SHUTDOWN_TIMEOUT (" + timeout + "); halting");
            Runtime.getRuntime().halt(1);
        }, "latchkey-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        LOG.info("SIGTERM: readiness is DOWN; serving on for " + drainDelay + ", then stopping");
        sleep(drainDelay);
        closePayaraMicroPort();
        System.exit(0);
    }

    /**
     * On Payara Micro, closes the HTTP port before the server stops: it undeploys the application first, and its
     * port would answer its own 503 and 500 pages meanwhile. Done with the server's own command runner, the one
     * that runs the post-deploy file (which opened the port); found by reflection, as no Jakarta API stops a
     * listener. Elsewhere (Payara Server, WildFly) nothing is found and nothing happens.
     */
    private void closePayaraMicroPort() {
        try {
            Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, server);
            Object locator = globals.getMethod("getDefaultBaseServiceLocator").invoke(null);
            Class<?> runnerType = Class.forName("org.glassfish.embeddable.CommandRunner", true, server);
            Object runner = locator.getClass().getMethod("getService", Class.class, Annotation[].class)
                    .invoke(locator, runnerType, new Annotation[0]);
            Object result = runnerType.getMethod("run", String.class, String[].class).invoke(runner, "set",
                    new String[] {"configs.config.server-config.network-config.network-listeners.network-listener"
                            + ".http-listener.enabled=false"});
            Object status = Class.forName("org.glassfish.embeddable.CommandResult", true, server)
                    .getMethod("getExitStatus").invoke(result);
            LOG.info("The HTTP port is closed (" + status + "); stopping");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notPayaraMicro) {
            LOG.log(Level.FINE, "No Payara Micro command runner: the server closes its port itself", notPayaraMicro);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
