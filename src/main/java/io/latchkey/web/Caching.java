package io.latchkey.web;

import jakarta.ws.rs.core.CacheControl;

/** Cache-Control for answers that must never be kept by a browser or a proxy: tokens, secrets, an account's data. */
public final class Caching {

    private Caching() {
    }

    public static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        cache.setNoCache(true);
        return cache;
    }
}
