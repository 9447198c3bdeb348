package io.latchkey.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 28, finding 13: what the public sees of a health document is its status, never what was checked. */
class OperatorEndpointsTest {

    private static String statusOnly(String document) {
        return new String(OperatorEndpoints.statusOnly(document.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void theStatusStaysAndTheChecksGo() {
        assertEquals("{\"status\":\"UP\",\"checks\":[]}", statusOnly("{\"status\":\"UP\",\"checks\":[{\"name\":"
                + "\"latchkey\",\"status\":\"UP\",\"data\":{\"database\":\"UP\"}}]}"));
        assertEquals("{\"status\":\"DOWN\",\"checks\":[]}", statusOnly("{\"status\":\"DOWN\",\"checks\":[{\"name\":"
                + "\"latchkey\",\"status\":\"DOWN\",\"data\":{\"refused\":\"SMTP_USER is set without SMTP_STARTTLS\"}}]}"));
    }

    @Test
    void anythingElseIsDown() {
        assertEquals("{\"status\":\"DOWN\",\"checks\":[]}", statusOnly(""));
        assertEquals("{\"status\":\"DOWN\",\"checks\":[]}", statusOnly("<html>oops</html>"));
        assertEquals("{\"status\":\"DOWN\",\"checks\":[]}", statusOnly("{\"checks\":[]}"));
    }
}
