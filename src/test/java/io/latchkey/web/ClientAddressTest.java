package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.7", "0.0.0.1", "255.255.255.255", "2001:db8::1", "::1", "::",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.128", "0000:0000:0000:0000:0000:ffff:192.0.2.228"})
    void realAddressesAreLiterals(String address) {
        assertTrue(ClientAddress.isIpLiteral(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", ":::", "1:2:3:4:5:6:7:8:9",
            "2001:db8::1%eth0", "example.com", "12345:1::", "1::2::3",
            "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb:cccc:dddd:eeee:ffff:0000:1111",
            "::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::"})
    void anythingElseIsNot(String text) {
        assertFalse(ClientAddress.isIpLiteral(text), text);
    }

    /** Issue 29.4: the sessions list showed the servlet container's 0:0:0:0:0:0:0:1. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:0DB8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "0:0:0:0:0:ffff:c000:280, 192.0.2.128",
            "::ffff:192.0.2.128, 192.0.2.128",
            "198.51.100.7, 198.51.100.7",
            "not an address, not an address"})
    void addressesAreWrittenInTheirShortForm(String written, String canonical) {
        assertEquals(canonical, ClientAddress.canonical(written));
    }

    @Test
    void aLongFormPeerOrHopIsTheSameClientAsItsShortForm() {
        ClientAddress address = behind("::1");

        assertEquals("2001:db8::7", address.of("0:0:0:0:0:0:0:1", "2001:DB8:0:0:0:0:0:7"));
        assertEquals("::1", address.of("0:0:0:0:0:0:0:1", null));
    }

    /** Behind HAProxy: the client's own line first, the proxy's line after it; the proxy's line is the truth. */
    @Test
    void everyForwardedForLineCountsInOrder() {
        ClientAddress address = behind("192.0.2.10");
        String chain = ClientAddress.chain(java.util.Collections.enumeration(
                java.util.List.of("198.51.100.66", "203.0.113.5")));

        assertEquals("203.0.113.5", address.of("192.0.2.10", chain), "the address a client wrote itself is not believed");
        assertEquals(null, ClientAddress.chain(java.util.Collections.emptyEnumeration()));
        assertEquals(null, ClientAddress.chain(null));
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxyReadFromTheRight() {
        ClientAddress address = behind("192.0.2.1, 192.0.2.2");
        assertEquals("192.0.2.9", address.of("192.0.2.9", "203.0.113.5"), "anyone else's header is ignored");
        assertEquals("203.0.113.5", address.of("192.0.2.1", "203.0.113.5"));
        assertEquals("203.0.113.5", address.of("192.0.2.1", "198.51.100.7, 203.0.113.5, 192.0.2.2"),
                "the first hop from the right that is not a trusted proxy; what the client wrote before it is ignored");
        assertEquals("192.0.2.1", address.of("192.0.2.1", "192.0.2.2"), "only proxies: the peer");
        assertEquals("192.0.2.1", address.of("192.0.2.1", "203.0.113.5, not-an-address"), "a bogus hop: the peer");
        assertEquals("192.0.2.1", address.of("192.0.2.1", null));
    }

    /** TRUSTED_PROXIES=none (what production mode asks for when clients connect directly): nobody's header counts. */
    @Test
    void noneTrustsNoProxy() {
        ClientAddress address = behind("none");
        assertEquals("127.0.0.1", address.of("127.0.0.1", "203.0.113.5"));
        assertEquals("none", address.of("none", "203.0.113.5"), "the word is no proxy's address");
    }

    /** Latchkey behind these proxies (TRUSTED_PROXIES). */
    private static ClientAddress behind(String proxies) {
        ClientAddress address = new ClientAddress();
        address.configuredProxies = java.util.Optional.of(proxies);
        address.init();
        return address;
    }
}
