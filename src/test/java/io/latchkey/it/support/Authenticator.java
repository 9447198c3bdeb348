package io.latchkey.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app, as a phone runs it: the secret from the enrolment's Base32 text, and RFC 6238 codes
 * (HMAC-SHA-1, 30 s, 6 digits) computed here, independently of the service's own code.
 */
public final class Authenticator {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final byte[] secret;

    public Authenticator(String base32Secret) {
        this.secret = decode(base32Secret);
    }

    /** The code of the current step, moved by {@code offset} steps (-1: the previous, +1: the next). */
    public String code(int offset) {
        return code(Math.floorDiv(Instant.now().getEpochSecond(), 30) + offset);
    }

    public String code() {
        return code(0);
    }

    /**
     * Waits, if needed, until the current step has at least {@code seconds} left, so that a test's codes stay in the
     * step it computed them for while its requests run.
     */
    public static void awaitStepWithAtLeast(int seconds) {
        long intoStep = Instant.now().getEpochSecond() % 30;
        if (30 - intoStep < seconds) {
            Mailbox.sleep(Duration.ofSeconds(30 - intoStep).plusMillis(200));
        }
    }

    /** Waits for the next step to begin: its code is new. */
    public static void awaitNextStep() {
        long intoStep = Instant.now().getEpochSecond() % 30;
        Mailbox.sleep(Duration.ofSeconds(30 - intoStep).plusMillis(200));
    }

    public int secretBits() {
        return secret.length * 8;
    }

    private String code(long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[19] & 0xf;
            int value = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
            return String.format(Locale.ROOT, "%06d", value % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base32) {
        String text = base32.replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int value = BASE32.indexOf(c);
            assertEquals(true, value >= 0, "not Base32: " + base32);
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
