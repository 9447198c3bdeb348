package io.latchkey.operations;

import io.latchkey.web.Problem;
import io.latchkey.web.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * /metrics is for the operator's Prometheus, not for the public: counters move with what happens to accounts, and
 * an observer could correlate them with its own requests. Payara serves its metrics endpoint under the application
 * at the root context, so this filter of the WAR guards it: only client addresses in METRICS_ALLOWED_ADDRESSES
 * (the loopback addresses by default; behind a trusted proxy, the client's address, not the proxy's), or a request
 * with {@code Authorization: Bearer <METRICS_TOKEN>} when a token is set, get the metrics; everyone else 403.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"})
public class MetricsAccess extends HttpFilter {

    @Inject
    ClientAddress clientAddress;

    @Inject
    @ConfigProperty(name = "metrics.allowed-addresses", defaultValue = "127.0.0.1,0:0:0:0:0:0:0:1,::1")
    String allowedAddresses;

    @Inject
    @ConfigProperty(name = "metrics.token")
    Optional<String> token;

    private Set<String> allowed;

    @Override
    public void init() {
        allowed = Arrays.stream(allowedAddresses.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (allowed.contains(clientAddress.of(request)) || hasToken(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        Problem.forbidden("Metrics are for the operator: not available to this client").writeTo(response);
    }

    private boolean hasToken(String authorization) {
        if (token.isEmpty() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
