package io.latchkey.authentication.boundary;

import io.latchkey.platform.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import io.latchkey.tokens.boundary.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An access token is only as good as its session: after logout or revocation, Latchkey's own endpoints refuse
 * the session's access tokens at once, though they have not expired. (Other services that verify the tokens
 * with the JWKS alone accept them until expiry: keep the access lifetime short.)
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 1)
public class SessionGate implements ContainerRequestFilter {

    @Inject
    Sessions sessions;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt
                && !sessions.isLive(Claims.sessionId(jwt))) {
            throw Problem.unauthorized("Unauthorized");
        }
    }
}
