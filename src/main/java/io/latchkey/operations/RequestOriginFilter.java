package io.latchkey.operations;

import io.latchkey.throttling.ClientAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Notes each API request's client address (behind trusted proxies) and user agent for the audit trail. */
@Provider
@PreMatching
public class RequestOriginFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Inject
    ClientAddress clientAddress;

    @Inject
    RequestOrigin origin;

    @Override
    public void filter(ContainerRequestContext request) {
        origin.set(clientAddress.of(servletRequest), request.getHeaderString(HttpHeaders.USER_AGENT));
    }
}
