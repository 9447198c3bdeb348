package io.latchkey.authentication.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the authentication mechanism reads of the Authorization header after {@link BearerScheme}. */
class BearerSchemeTest {

    @Test
    void anySpellingOfTheSchemeReachesTheMechanismAsBearer() {
        for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
            HttpServletRequest seen = BearerScheme.normalised(requestWith(scheme + " a.b.c"));
            assertEquals("Bearer a.b.c", seen.getHeader("Authorization"));
            assertEquals("Bearer a.b.c", seen.getHeader("authorization"));
            assertEquals(List.of("Bearer a.b.c"), Collections.list(seen.getHeaders("Authorization")));
            assertEquals("text/plain", seen.getHeader("Accept"), "other headers as sent");
        }
    }

    @Test
    void everythingElseIsLeftAsSent() {
        for (String header : new String[] {"Bearer a.b.c", "Basic Og==", "bearera.b.c", "Bear", "", null}) {
            HttpServletRequest request = requestWith(header);
            assertSame(request, BearerScheme.normalised(request), String.valueOf(header));
        }
    }

    /** Issue 28, finding 9: Prometheus's Bearer METRICS_TOKEN is no JWT; MP-JWT must not see it and answer 401. */
    @Test
    void theMetricsTokenIsHiddenFromTheMechanismAndLeftForTheMetricsFilter() {
        java.util.Map<String, Object> attributes = new java.util.HashMap<>();
        for (String path : List.of("/metrics", "/metrics/application", "/health/ready")) {
            HttpServletRequest seen = BearerScheme.normalised(requestWith("Bearer operator-secret", path, attributes));
            assertEquals(null, seen.getHeader("Authorization"));
            assertEquals(List.of(), Collections.list(seen.getHeaders("authorization")));
            assertEquals("Bearer operator-secret", attributes.get(BearerScheme.METRICS_AUTHORIZATION));
        }
        HttpServletRequest api = requestWith("Bearer a.b.c", "/metricsx", attributes);
        assertSame(api, BearerScheme.normalised(api), "only the metrics' paths");
    }

    private static HttpServletRequest requestWith(String authorization) {
        return requestWith(authorization, "/api/v1/auth/me", new java.util.HashMap<>());
    }

    private static HttpServletRequest requestWith(String authorization, String path, java.util.Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(BearerSchemeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization
                            : "text/plain";
                    case "getHeaders" -> Collections.enumeration(List.of(String.valueOf(authorization)));
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "toString" -> "request";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
