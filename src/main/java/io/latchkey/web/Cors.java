package io.latchkey.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS for the configured origins, with credentials (the SPA's fetch sends the refresh cookie). Other origins get
 * no CORS headers, so browsers keep their responses from them.
 */
@Provider
@PreMatching
public class Cors implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    /** What SPAs and their libraries commonly send: the API's own, XHR wrappers', request ids and W3C tracing. */
    static final String DEFAULT_ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, X-MFA-Code,"
            + " Content-Language, X-Requested-With, X-Request-Id, X-Correlation-Id, traceparent, tracestate, baggage";
    /** Headers a script on an allowed origin may read: the wait a 429 or 503 asks for. */
    private static final String EXPOSED_HEADERS = "Retry-After";

    @Inject
    Origins origins;

    @Inject
    @ConfigProperty(name = "cors.allowed.headers", defaultValue = DEFAULT_ALLOWED_HEADERS)
    String allowedHeaders;

    /** Answers preflight requests from allowed origins before any resource is looked for. */
    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeaderString("Access-Control-Request-Method") != null
                && origins.isAllowedCrossOrigin(origin)) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers",
                            allowedHeaders(allowedHeaders, request.getHeaderString("Access-Control-Request-Headers")))
                    .header("Access-Control-Max-Age", "600")
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        response.getHeaders().add("Vary", "Origin");
        if (origins.isAllowedCrossOrigin(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
            response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /**
     * The request headers a preflight allows: the configured list, or with {@code *}, whatever the preflight asks
     * for (with credentials, a literal {@code *} would not be a wildcard to the browser).
     */
    static String allowedHeaders(String configured, String requested) {
        if ("*".equals(configured.strip())) {
            return requested == null || requested.isBlank() ? "Authorization, Content-Type" : requested.strip();
        }
        return String.join(", ", Arrays.stream(configured.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .toList());
    }
}
