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

    private static HttpServletRequest requestWith(String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(BearerSchemeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization
                            : "text/plain";
                    case "getHeaders" -> Collections.enumeration(List.of(String.valueOf(authorization)));
                    case "toString" -> "request";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
