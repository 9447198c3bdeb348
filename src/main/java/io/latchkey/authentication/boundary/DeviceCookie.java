package io.latchkey.authentication.boundary;

import io.latchkey.authentication.control.RefreshTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * OWASP's device cookie: after a successful login the browser gets a cookie that names the account (by an HMAC of
 * its address, not the address) and a random nonce. A login that presents it for the address typed comes from a
 * device that has signed in before and is not held back when the account is under attack from elsewhere. Stateless:
 * nothing is stored; the HMAC key is that of refresh tokens, domain-separated.
 */
@ApplicationScoped
public class DeviceCookie {

    public static final String NAME = "device_cookie";
    private static final String PATH = "/api/v1/auth/login";
    private static final String PURPOSE = "device-cookie";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Inject
    RefreshTokens keys;

    @Inject
    @ConfigProperty(name = "device.cookie.ttl", defaultValue = "P365D")
    Duration lifetime;

    @Inject
    @ConfigProperty(name = "cookie.same-site", defaultValue = "Strict")
    String sameSite;

    /** The Set-Cookie value for a device that just signed in to the account with this address. */
    public String issue(String email) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String value = ENCODER.encodeToString(nonce);
        return NAME + "=" + value + "." + ENCODER.encodeToString(keys.seal(PURPOSE, key(email) + "|" + value))
                + "; Max-Age=" + lifetime.toSeconds() + "; Path=" + PATH + "; Secure; HttpOnly; SameSite=" + sameSite;
    }

    /** Whether the cookie was issued to a device that signed in to the account with this address. */
    public boolean isFor(String cookie, String email) {
        if (cookie == null || cookie.length() > 128) {
            return false;
        }
        int dot = cookie.indexOf('.');
        if (dot < 1) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(cookie.substring(dot + 1));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MessageDigest.isEqual(keys.seal(PURPOSE, key(email) + "|" + cookie.substring(0, dot)), presented);
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
