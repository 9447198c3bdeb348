package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DevicesTest {

    final Devices devices = new Devices();

    @Test
    void browsersAndSystemsByTheirNames() {
        assertEquals("Chrome on Linux", devices.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
                + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));
        assertEquals("Firefox on Windows", devices.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0)"
                + " Gecko/20100101 Firefox/133.0"));
        assertEquals("Mobile Safari on iOS", devices.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)"
                + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
        assertEquals("HeadlessChrome on Linux", devices.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
                + " (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"));
    }

    @Test
    void anUnknownClientKeepsTheStartOfItsHeader() {
        assertEquals("Java-http-client/17.0.13", devices.describe("Java-http-client/17.0.13"));
        assertEquals("x".repeat(60), devices.describe("x".repeat(5000)));
        assertEquals(Devices.UNKNOWN, devices.describe(null));
        assertEquals(Devices.UNKNOWN, devices.describe("  "));
    }
}
