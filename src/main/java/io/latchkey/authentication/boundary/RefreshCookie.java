package io.latchkey.authentication.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The refresh cookie exactly as the contract spells it. Written by hand rather than by the JAX-RS runtime, whose
 * rendering (Version, quoting, SameSite) differs between servers.
 */
@ApplicationScoped
public class RefreshCookie {

    @Inject
    Clock clock;

    public static final String NAME = "refresh_cookie";
    static final String PATH = "/api/v1/auth";

    @Inject
    @ConfigProperty(name = "cookie.same-site", defaultValue = "Strict")
    String sameSite;

    /** The Set-Cookie value that hands the browser a refresh token until it expires. */
    public String issue(String token, Instant expiresAt) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
        return header(token, maxAge);
    }

    /** The Set-Cookie value that makes the browser forget the token. */
    public String clear() {
        return header("", 0);
    }

    private String header(String value, long maxAge) {
        return NAME + "=" + value + "; Max-Age=" + maxAge + "; Path=" + PATH + "; Secure; HttpOnly; SameSite=" + sameSite;
    }
}
