package io.latchkey.tokens.boundary;

import io.latchkey.tokens.control.LocalKeySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The key set this instance publishes and MicroProfile JWT verifies with, and a number that changes whenever its
 * content does: whoever remembers a verification (the authentication's verified tokens) trusts it only under the
 * key set it was made with, so a retired key stops being trusted as soon as it leaves the set.
 */
public final class PublishedKeySet {

    private static final AtomicLong VERSION = new AtomicLong();
    private static String published;

    private PublishedKeySet() {
    }

    /** Publishes the set (for MP-JWT, {@link LocalKeySet}); the version moves only when the content changed. */
    static synchronized void publish(String jwks) {
        LocalKeySet.write(jwks);
        if (!jwks.equals(published)) {
            published = jwks;
            VERSION.incrementAndGet();
        }
    }

    public static long version() {
        return VERSION.get();
    }
}
