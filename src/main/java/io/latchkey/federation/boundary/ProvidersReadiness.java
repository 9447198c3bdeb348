package io.latchkey.federation.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a configured identity provider is not in service: its buttons would lead nowhere. */
@Readiness
@ApplicationScoped
public class ProvidersReadiness implements HealthCheck {

    @Inject
    IdentityProviders providers;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("identity-providers").status(providers.problems().isEmpty())
                .withData("in_service", providers.all().size());
        for (int i = 0; i < providers.problems().size(); i++) {
            response.withData("problem_" + (i + 1), providers.problems().get(i));
        }
        return response.build();
    }
}
