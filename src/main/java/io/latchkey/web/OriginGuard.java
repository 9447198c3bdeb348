package io.latchkey.web;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Enforces {@link SameOriginOnly}: cross-site requests must not ride on the refresh cookie or post a login. */
@Provider
@SameOriginOnly
@Priority(Priorities.AUTHENTICATION)
public class OriginGuard implements ContainerRequestFilter {

    @Inject
    Origins origins;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!origins.mayUseCookie(request.getHeaderString("Origin"), request.getUriInfo().getBaseUri())) {
            throw Problem.forbidden("Requests from this origin are not accepted here");
        }
    }
}
