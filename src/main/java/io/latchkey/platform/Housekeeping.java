package io.latchkey.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the tables bounded however long the service runs: every HOUSEKEEPING_INTERVAL (an hour by default), on
 * every instance, rows that can no longer matter are deleted. Deleting is idempotent, so instances need not agree
 * on who does it.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Pruning pruning;

    @Inject
    @ConfigProperty(name = "housekeeping.interval", defaultValue = "PT1H")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("housekeeping", false));
    }

    @Timeout
    void run() {
        try {
            pruning.prune();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Housekeeping failed; it runs again in " + interval, e);
        }
    }
}
