package io.latchkey.production;

import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** While {@link ProductionGuard} refuses to serve, every API request answers 503; readiness says why. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RefusedInProduction implements ContainerRequestFilter {

    @Inject
    ProductionGuard guard;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!guard.refusals().isEmpty()) {
            throw new Problem(ProblemType.SERVICE_UNAVAILABLE,
                    "This instance refuses to serve: its settings are unsafe in production mode (see its readiness)");
        }
    }
}
