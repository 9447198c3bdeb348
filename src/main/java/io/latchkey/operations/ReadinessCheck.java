package io.latchkey.operations;

import io.latchkey.federation.boundary.IdentityProviders;
import io.latchkey.production.ProductionGuard;
import io.latchkey.runtime.GracefulStop;
import io.latchkey.tokens.boundary.SigningKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready to serve when the database answers, a signing key is loaded, production mode finds nothing unsafe and every
 * configured identity provider is in service (else its sign-in buttons would lead nowhere). A
 * database outage makes the instance not ready (so a load balancer can route around it) until the database is
 * back; nothing needs a restart. A production refusal is permanent and names each unsafe setting. From a SIGTERM
 * on, the instance is not ready ({@link GracefulStop}).
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(name = "jdbc/latchkey")
    DataSource dataSource;

    @Inject
    SigningKeys keys;

    @Inject
    ProductionGuard guard;

    @Inject
    GracefulStop stop;

    @Inject
    IdentityProviders providers;

    @Override
    public HealthCheckResponse call() {
        if (stop.isDraining()) {
            return HealthCheckResponse.named("latchkey").withData("stopping", "draining before the stop").down().build();
        }
        boolean database = databaseAnswers();
        boolean signingKey = keys.current() != null;
        List<String> refusals = guard.refusals();
        var response = HealthCheckResponse.named("latchkey")
                .withData("database", database ? "UP" : "DOWN")
                .withData("signing-key", signingKey ? "UP" : "DOWN");
        if (!refusals.isEmpty()) {
            response.withData("refused", String.join("; ", refusals));
        }
        List<String> providerProblems = providers.problems();
        response.withData("identity-providers", providerProblems.isEmpty() ? "UP"
                : "DOWN: " + String.join("; ", providerProblems));
        return response.status(database && signingKey && refusals.isEmpty() && providerProblems.isEmpty()).build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            return statement.execute("select 1");
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
