package io.latchkey.throttling;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind a request. X-Forwarded-For is believed only when the connection comes from a
 * configured proxy (TRUSTED_PROXIES), and then read from the right: the first address that is not a trusted proxy
 * is the client. Anyone else can write any X-Forwarded-For they like.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    @Inject
    @ConfigProperty(name = "trusted.proxies")
    Optional<String> configuredProxies;

    private Set<String> trustedProxies;

    @PostConstruct
    void init() {
        trustedProxies = Arrays.stream(configuredProxies.orElse("").split(","))
                .map(String::strip).filter(p -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!IP_LITERAL.matcher(hop).matches()) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
