package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which browser origins may call with credentials, and act on a cookie. */
class OriginsTest {

    final Origins origins = origins("https://auth.example.test", "https://app.example.test, http://localhost:5173");

    @Test
    void theServicesOwnAndTheConfiguredOriginsAreAllowed() {
        assertTrue(origins.isAllowedCrossOrigin("https://auth.example.test"));
        assertTrue(origins.isAllowedCrossOrigin("https://app.example.test"));
        assertTrue(origins.isAllowedCrossOrigin("http://localhost:5173"));
    }

    @Test
    void originsCompareAsOriginsDefaultPortAndCaseIncluded() {
        assertTrue(origins.isAllowedCrossOrigin("https://APP.example.test:443"));
        assertFalse(origins.isAllowedCrossOrigin("http://app.example.test"), "another scheme");
        assertFalse(origins.isAllowedCrossOrigin("https://app.example.test:8443"), "another port");
        assertFalse(origins.isAllowedCrossOrigin("https://app.example.test.evil.test"));
        assertFalse(origins.isAllowedCrossOrigin("null"), "sandboxed frames and file: pages");
        assertFalse(origins.isAllowedCrossOrigin("not a url"));
        assertFalse(origins.isAllowedCrossOrigin(null));
    }

    @Test
    void aCookieMayBeUsedWithoutOriginFromAnAllowedOneOrFromTheRequestsOwn() {
        URI base = URI.create("http://127.0.0.1:8080/api/");
        assertTrue(origins.mayUseCookie(null, base), "servers and scripts send no Origin");
        assertTrue(origins.mayUseCookie("https://app.example.test", base));
        assertTrue(origins.mayUseCookie("http://127.0.0.1:8080", base), "the page the service served");
        assertFalse(origins.mayUseCookie("http://evil.test", base));
        assertFalse(origins.mayUseCookie("null", base));
    }

    static Origins origins(String issuer, String configured) {
        Origins origins = new Origins();
        origins.issuer = issuer;
        origins.configured = Optional.of(configured);
        origins.init();
        return origins;
    }
}
