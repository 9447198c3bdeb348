package io.latchkey.production;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The quickstart's defaults (a localhost issuer, plain HTTP links, a local mail catcher) are right on a laptop and
 * wrong on the internet, and some settings are unsafe anywhere public. With {@code LATCHKEY_PRODUCTION=true} the
 * service refuses to serve while any of them is in force: readiness is DOWN and names each finding, and every API
 * request answers 503 (a failed deployment would not do: Payara keeps running and its readiness says UP with no
 * application). Without production mode the findings are logged as a warning.
 */
@ApplicationScoped
public class ProductionGuard {

    private static final int QUICKSTART_MAIL_CATCHER_PORT = 2525;
    private static final Logger LOG = Logger.getLogger(ProductionGuard.class.getName());

    @Inject
    @ConfigProperty(name = "latchkey.production", defaultValue = "false")
    boolean production;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "app.frontend.url")
    String frontendUrl;

    @Inject
    @ConfigProperty(name = "smtp.host")
    String smtpHost;

    @Inject
    @ConfigProperty(name = "smtp.port")
    int smtpPort;

    @Inject
    @ConfigProperty(name = "smtp.user")
    Optional<String> smtpUser;

    @Inject
    @ConfigProperty(name = "smtp.starttls", defaultValue = "false")
    boolean smtpStarttls;

    @Inject
    @ConfigProperty(name = "cookie.same-site", defaultValue = "Strict")
    String cookieSameSite;

    @Inject
    @ConfigProperty(name = "cors.origins")
    Optional<String> corsOrigins;

    @Inject
    @ConfigProperty(name = "throttle.enabled", defaultValue = "true")
    boolean throttled;

    @Inject
    @ConfigProperty(name = "trusted.proxies")
    Optional<String> trustedProxies;

    /** Where a data grid member of the server listens, if one runs; Payara's is an open administration channel. */
    Supplier<Optional<String>> dataGrid = DataGrid::listener;

    private volatile List<String> refusals;

    /**
     * At deployment, so the findings are logged at once. A CDI bean, not an EJB singleton: every API request asks
     * {@link #refusals()}, and a singleton's container lock would serialise them all (it cost refresh a fifth of its
     * throughput).
     */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object deployment) {
        refusals();
    }

    /**
     * Why the service refuses to serve (and to relay mail); empty when it serves. Decided once, by whichever asks
     * first: the relays may start before the deployment's initialisation event.
     */
    public List<String> refusals() {
        List<String> decided = refusals;
        if (decided == null) {
            synchronized (this) {
                if (refusals == null) {
                    refusals = check();
                }
                decided = refusals;
            }
        }
        return decided;
    }

    List<String> check() {
        List<String> unsafe = unsafeSettings();
        if (production && trustedProxies.filter(p -> !p.isBlank()).isEmpty()) {
            // Behind a reverse proxy on this host that is not named, every request would come from loopback: one
            // login budget for all clients, and the metrics open to all. Where requests come from must be said.
            unsafe.add("TRUSTED_PROXIES is not set: name the reverse proxies in front of the service (127.0.0.1 for"
                    + " one on this host), or set it to none when clients connect directly");
        }
        if (unsafe.isEmpty()) {
            return List.of();
        }
        String report = String.join("; ", unsafe);
        if (production) {
            LOG.severe("Refusing to serve in production mode (LATCHKEY_PRODUCTION=true): " + report);
            return List.copyOf(unsafe);
        }
        LOG.warning("Settings unsafe on the internet (refused when LATCHKEY_PRODUCTION=true): " + report);
        return List.of();
    }

    List<String> unsafeSettings() {
        List<String> unsafe = new ArrayList<>();
        dataGrid.get().ifPresent(address -> unsafe.add("the server runs a Hazelcast data grid member listening on "
                + address + ", which takes administration commands from anyone who joins it: switch it off"
                + " (server-config/ files)"));
        requireHttpsUrl(unsafe, "JWT_ISSUER", issuer);
        requireHttpsUrl(unsafe, "APP_FRONTEND_URL", frontendUrl);
        if (smtpPort == QUICKSTART_MAIL_CATCHER_PORT && isLoopback(smtpHost)) {
            unsafe.add("SMTP_HOST and SMTP_PORT still name the quickstart's mail catcher: no mail would reach anyone");
        }
        if (smtpUser.isPresent() && !smtpStarttls && !isLoopback(smtpHost)) {
            unsafe.add("SMTP_USER is set without SMTP_STARTTLS=true: the SMTP password would cross the network in clear");
        }
        if ("none".equalsIgnoreCase(cookieSameSite.strip())) {
            unsafe.add("COOKIE_SAME_SITE=None lets other sites send the refresh cookie: serve the SPA from the same"
                    + " site (e.g. app.example.com and auth.example.com) and keep Strict or Lax");
        }
        Arrays.stream(corsOrigins.orElse("").split(",")).map(String::strip).filter(o -> !o.isEmpty())
                .filter(o -> !o.toLowerCase().startsWith("https://"))
                .forEach(o -> unsafe.add("CORS_ORIGINS lists " + o + ", which is not an https origin"));
        if (!throttled) {
            unsafe.add("THROTTLE_ENABLED=false leaves logins open to password guessing (benchmarks only)");
        }
        return unsafe;
    }

    private static void requireHttpsUrl(List<String> unsafe, String variable, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            unsafe.add(variable + " is not a URL");
            return;
        }
        if (!"https".equals(uri.getScheme()) || isLoopback(uri.getHost())) {
            unsafe.add(variable + " must be the public https URL of the service (is " + value + ")");
        }
    }

    private static boolean isLoopback(String host) {
        return host == null || "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host)
                || "::1".equals(host);
    }
}
