package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    void anUnknownClientIsAnUnknownDevice() {
        assertEquals(Devices.UNKNOWN, devices.describe("Java-http-client/17.0.13"));
        assertEquals(Devices.UNKNOWN, devices.describe("x".repeat(5000)));
        assertEquals(Devices.UNKNOWN, devices.describe(null));
        assertEquals(Devices.UNKNOWN, devices.describe("  "));
    }

    /** Issue 28, finding 12: the description goes into mails, so nothing the client wrote may reach it. */
    @Test
    void nothingTheClientWroteIsQuoted() {
        for (String hostile : new String[] {"Visit http://evil.test/claim now",
                "Visit evil dot test to claim your prize Bot/1.0", "Claim at evil.test Crawler/2",
                "Mozilla/5.0 (Visit http://evil.test; Linux) Firefox-http://evil.test/1.0",
                "EvilBrowser/1.0 (Windows NT 10.0) claim-at-evil-test Spider/1"}) {
            String described = devices.describe(hostile);
            assertFalse(described.toLowerCase().contains("evil") || described.toLowerCase().contains("visit")
                    || described.contains("claim") || described.contains("http"), hostile + " -> " + described);
        }
        assertEquals("Windows", devices.describe("EvilBrowser/1.0 (Windows NT 10.0)"));
    }
}
