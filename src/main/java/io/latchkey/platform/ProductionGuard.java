package io.latchkey.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The quickstart's defaults (a localhost issuer, plain HTTP links) are right on a laptop and wrong on the internet.
 * With {@code LATCHKEY_PRODUCTION=true} the deployment refuses to start while any of them is still in force, and
 * says which; without it, they are only logged.
 */
@Startup
@Singleton
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

    @PostConstruct
    void check() {
        List<String> unsafe = unsafeSettings();
        if (unsafe.isEmpty()) {
            return;
        }
        String report = String.join("; ", unsafe);
        if (production) {
            throw new IllegalStateException("Refusing to start in production mode: " + report);
        }
        LOG.warning("Quickstart defaults in use (refused when LATCHKEY_PRODUCTION=true): " + report);
    }

    List<String> unsafeSettings() {
        List<String> unsafe = new ArrayList<>();
        requireHttpsUrl(unsafe, "JWT_ISSUER", issuer);
        requireHttpsUrl(unsafe, "APP_FRONTEND_URL", frontendUrl);
        if (smtpPort == QUICKSTART_MAIL_CATCHER_PORT && isLoopback(smtpHost)) {
            unsafe.add("SMTP_HOST and SMTP_PORT still name the quickstart's mail catcher: no mail would reach anyone");
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
        return host == null || "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host);
    }
}
