package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsTest {

    @Test
    void theDefaultAllowsTheHeadersSpasCommonlySend() {
        List<String> allowed = Arrays.asList(Cors.allowedHeaders(Cors.DEFAULT_ALLOWED_HEADERS, null).split(", "));
        for (String header : List.of("Authorization", "Content-Type", "X-Requested-With", "traceparent")) {
            assertTrue(allowed.contains(header), header + " in " + allowed);
        }
    }

    @Test
    void aConfiguredListIsAnsweredAsItIsAndAStarEchoesTheRequest() {
        assertEquals("Authorization, X-Tenant", Cors.allowedHeaders(" Authorization ,X-Tenant,, ", "x-other"));
        assertEquals("x-tenant, content-type", Cors.allowedHeaders("*", "x-tenant, content-type"));
        assertEquals("Authorization, Content-Type", Cors.allowedHeaders("*", null));
    }
}
