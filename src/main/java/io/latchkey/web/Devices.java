package io.latchkey.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * What a person recognises a device by, from its User-Agent header: "Chrome on Linux", "Mobile Safari on iOS". The
 * parsing is ua-parser's, whose regexes follow new browsers; a client it does not know keeps the start of its own
 * header. The regexes are compiled at deployment, not by the first sign-in.
 */
@ApplicationScoped
public class Devices {

    static final String UNKNOWN = "Unknown device";
    private static final int MAX_RAW = 60;
    private static final String OTHER = "Other";

    private final Parser parser = new CachingParser();

    void compileAtStart(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        describe("Mozilla/5.0");
    }

    public String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        Client client = parser.parse(userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent);
        String browser = client.userAgent.family;
        String system = client.os.family;
        if (OTHER.equals(browser) && OTHER.equals(system)) {
            String raw = userAgent.strip();
            return raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw;
        }
        if (OTHER.equals(system)) {
            return browser;
        }
        return OTHER.equals(browser) ? system : browser + " on " + system;
    }
}
