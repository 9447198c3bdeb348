package io.latchkey.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which browser origins may call Latchkey with credentials: its own public origin (that of JWT_ISSUER), the origin
 * a request was addressed to, and those listed in CORS_ORIGINS.
 */
@ApplicationScoped
public class Origins {

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "cors.origins")
    Optional<String> configured;

    private Set<String> allowed;

    @PostConstruct
    void init() {
        allowed = new HashSet<>();
        allowed.add(originOf(issuer));
        Arrays.stream(configured.orElse("").split(",")).map(String::strip).filter(o -> !o.isEmpty()).map(Origins::originOf)
                .forEach(allowed::add);
    }

    /** Whether a cross-origin caller may use the API with credentials (CORS). */
    public boolean isAllowedCrossOrigin(String origin) {
        return origin != null && allowed.contains(normalize(origin));
    }

    /** Whether a request carrying this Origin may act on a cookie; the request's own origin is always fine. */
    public boolean mayUseCookie(String origin, URI requestBase) {
        return origin == null || isAllowedCrossOrigin(origin) || normalize(origin).equals(originOf(requestBase.toString()));
    }

    static String originOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                    || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
            return (uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port)).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException | NullPointerException e) {
            return "invalid:" + url;
        }
    }

    private static String normalize(String origin) {
        return "null".equals(origin) ? origin : originOf(origin);
    }
}
