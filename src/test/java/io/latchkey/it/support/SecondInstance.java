package io.latchkey.it.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Another Payara Micro running the same WAR on the same database, started the way production starts it (post-boot
 * commands, environment), sharing nothing with the Arquillian instance but PostgreSQL. Started once, on first use,
 * for the whole suite, and configured differently where the suite needs a second configuration: it conceals
 * existing accounts at registration, and trusts no proxy.
 */
public final class SecondInstance {

    public static final int PORT = Integer.getInteger("it.http.port", 18080) + 1;
    public static final String BASE = "http://127.0.0.1:" + PORT;
    public static final Map<String, String> SETTINGS = Map.of(
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", BASE + "/.well-known/jwks.json",
            "REGISTRATION_CONCEAL_EXISTING", "true",
            "TRUSTED_PROXIES", "",
            "SHUTDOWN_DRAIN_DELAY", "PT2S");

    private static Instance shared;

    private SecondInstance() {
    }

    public static synchronized Instance shared() {
        if (shared == null) {
            shared = start(Map.of());
        }
        return shared;
    }

    /** Stops the shared instance and starts it again, with extra settings for this start only. */
    public static synchronized void restart(Map<String, String> extraSettings) {
        stopShared();
        shared = start(extraSettings);
    }

    /** Sends the shared instance SIGTERM, as an orchestrator does, and hands over its process; the next user starts another. */
    public static synchronized Process terminateShared() {
        Process process = shared().process();
        shared = null;
        process.destroy();
        return process;
    }

    public static synchronized void stopShared() {
        if (shared != null) {
            shared.terminate();
            shared = null;
        }
    }

    private static Instance start(Map<String, String> extraSettings) {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.putAll(extraSettings);
        return Instance.start("second", PORT, settings);
    }
}
