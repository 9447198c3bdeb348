package io.latchkey.operations;

import io.latchkey.authentication.boundary.BearerScheme;
import io.latchkey.web.ClientAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is the operator, for the metrics and the health checks' details: a request with
 * {@code Authorization: Bearer <METRICS_TOKEN>} when a token is set, or one from an address in
 * METRICS_ALLOWED_ADDRESSES (the loopback addresses by default; behind a trusted proxy, the client's address, not the
 * proxy's) that no untrusted proxy relayed. With a reverse proxy on this host that TRUSTED_PROXIES does not name,
 * every request comes from loopback: its forwarding headers tell that it is someone else's.
 */
@ApplicationScoped
public class OperatorAccess {

    @Inject
    ClientAddress clientAddress;

    @Inject
    @ConfigProperty(name = "metrics.allowed-addresses", defaultValue = "127.0.0.1,::1")
    String allowedAddresses;

    @Inject
    @ConfigProperty(name = "metrics.token")
    Optional<String> token;

    private Set<String> allowed;

    @PostConstruct
    void init() {
        allowed = Arrays.stream(allowedAddresses.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .map(ClientAddress::canonical).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isOperator(HttpServletRequest request) {
        if (hasToken(authorization(request))) {
            return true;
        }
        String client = clientAddress.of(request);
        // Both in their one spelling: the container writes ::1 as 0:0:0:0:0:0:0:1.
        boolean fromThePeer = client.equals(ClientAddress.canonical(request.getRemoteAddr()));
        return allowed.contains(client) && !(fromThePeer && isForwarded(request));
    }

    private static boolean isForwarded(HttpServletRequest request) {
        return request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null
                || request.getHeader("X-Real-IP") != null;
    }

    /** The header as sent; for /metrics, Latchkey's Bearer scheme hid it from MP-JWT and left it as an attribute. */
    private static String authorization(HttpServletRequest request) {
        Object hidden = request.getAttribute(BearerScheme.METRICS_AUTHORIZATION);
        return hidden instanceof String text ? text : request.getHeader("Authorization");
    }

    private boolean hasToken(String authorization) {
        if (token.isEmpty() || token.get().isBlank() || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
