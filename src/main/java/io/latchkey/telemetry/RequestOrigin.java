package io.latchkey.telemetry;

import io.latchkey.web.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Where the current request comes from, as the audit trail records it. Read from the request when an event is
 * recorded (a handful of requests), not noted for every request; nothing outside requests (timers).
 */
@ApplicationScoped
public class RequestOrigin {

    private static final int MAX_USER_AGENT = 512;

    /** The container's built-in bean: the request of the calling thread. */
    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddress clientAddress;

    public String clientAddress() {
        HttpServletRequest current = current();
        return current == null ? null : clientAddress.of(current);
    }

    public String userAgent() {
        HttpServletRequest current = current();
        String userAgent = current == null ? null : current.getHeader(HttpHeaders.USER_AGENT);
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent : userAgent.substring(0, MAX_USER_AGENT);
    }

    private HttpServletRequest current() {
        try {
            request.getMethod();
            return request;
        } catch (RuntimeException outsideARequest) {
            // no request scope, or no servlet request in it (a timer): no client to record
            return null;
        }
    }
}
