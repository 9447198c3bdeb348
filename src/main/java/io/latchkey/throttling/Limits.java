package io.latchkey.throttling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured limits. Per client address they bound what one address can do; per account they slow password
 * guessing however many addresses it comes from. Defaults sized for people behind shared NATs.
 */
@ApplicationScoped
public class Limits {

    @Inject
    @ConfigProperty(name = "throttle.login.ip.limit", defaultValue = "60")
    int loginPerIp;

    @Inject
    @ConfigProperty(name = "throttle.login.ip.window", defaultValue = "PT1M")
    Duration loginPerIpWindow;

    @Inject
    @ConfigProperty(name = "throttle.register.ip.limit", defaultValue = "20")
    int registerPerIp;

    @Inject
    @ConfigProperty(name = "throttle.register.ip.window", defaultValue = "PT1H")
    Duration registerPerIpWindow;

    @Inject
    @ConfigProperty(name = "throttle.reset.ip.limit", defaultValue = "10")
    int resetPerIp;

    @Inject
    @ConfigProperty(name = "throttle.reset.ip.window", defaultValue = "PT1H")
    Duration resetPerIpWindow;

    @Inject
    @ConfigProperty(name = "throttle.reset.email.limit", defaultValue = "3")
    int resetPerEmail;

    @Inject
    @ConfigProperty(name = "throttle.reset.email.window", defaultValue = "PT1H")
    Duration resetPerEmailWindow;

    @Inject
    @ConfigProperty(name = "throttle.resend.ip.limit", defaultValue = "30")
    int resendPerIp;

    @Inject
    @ConfigProperty(name = "throttle.resend.ip.window", defaultValue = "PT1H")
    Duration resendPerIpWindow;

    @Inject
    @ConfigProperty(name = "throttle.login.account.failures", defaultValue = "5")
    int freeFailures;

    @Inject
    @ConfigProperty(name = "throttle.login.account.window", defaultValue = "PT15M")
    Duration failureWindow;

    @Inject
    @ConfigProperty(name = "throttle.login.account.global-failures", defaultValue = "100")
    int globalFreeFailures;

    @Inject
    @ConfigProperty(name = "throttle.login.account.delay", defaultValue = "PT30S")
    Duration firstDelay;

    @Inject
    @ConfigProperty(name = "throttle.login.account.max-delay", defaultValue = "PT15M")
    Duration maxDelay;

    public Limit loginPerIp() {
        return new Limit(loginPerIp, loginPerIpWindow);
    }

    public Limit registerPerIp() {
        return new Limit(registerPerIp, registerPerIpWindow);
    }

    public Limit resetPerIp() {
        return new Limit(resetPerIp, resetPerIpWindow);
    }

    public Limit resetPerEmail() {
        return new Limit(resetPerEmail, resetPerEmailWindow);
    }

    public Limit resendPerIp() {
        return new Limit(resendPerIp, resendPerIpWindow);
    }

    /** Failures per account and client address before delays start for that pair, and their window. */
    public Limit freeLoginFailures() {
        return new Limit(freeFailures, failureWindow);
    }

    /**
     * Failures per account, from any address, before delays start for every client that has not signed in to the
     * account before (no device cookie): high, so that no one can lock an owner out cheaply.
     */
    public Limit freeGlobalLoginFailures() {
        return new Limit(globalFreeFailures, failureWindow);
    }

    public Duration firstDelay() {
        return firstDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }
}
