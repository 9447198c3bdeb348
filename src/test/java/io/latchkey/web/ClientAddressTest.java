package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "::",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.128", "0000:0000:0000:0000:0000:ffff:192.168.100.228"})
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
}
