package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.SignedIn;
import io.latchkey.authentication.control.LiveCallers;
import io.latchkey.web.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import io.latchkey.tokens.boundary.Claims;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What Latchkey checks of a verified access token beyond MicroProfile JWT. The token must be valid already
 * ({@code nbf}, RFC 7519 4.1.5, which the server's MP-JWT does not check), and is only as good as its session:
 * after logout or revocation, Latchkey's own endpoints refuse the session's access tokens at once, though they
 * have not expired. (Services that verify the tokens with the JWKS alone accept them until they expire: keep the
 * access lifetime short.) The user comes with the session in the same read, for the resources that need it
 * ({@link SignedIn}). A session this instance read live is answered from {@link LiveCallers} while every change
 * of it is heard from the database, which makes the ending of a session known to every instance within
 * milliseconds of its commit.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 1)
public class AccessTokenGate implements ContainerRequestFilter {

    @Inject
    Clock clock;

    /** The leeway for clocks that differ between instances. */
    private static final long CLOCK_SKEW_SECONDS = 30;

    @Inject
    Sessions sessions;

    @Inject
    LiveCallers callers;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt) {
            if (isNotYetValid(jwt)) {
                throw Problem.unauthorized("Unauthorized");
            }
            UUID sessionId = Claims.sessionId(jwt);
            UUID userId = Claims.userId(jwt);
            SignedIn.hold(request, callers.find(sessionId, userId, clock.instant())
                    .or(() -> sessions.liveCaller(sessionId, userId))
                    .orElseThrow(() -> Problem.unauthorized("Unauthorized")));
        }
    }

    private boolean isNotYetValid(JsonWebToken jwt) {
        Object notBefore = jwt.getClaim("nbf");
        long nbf = notBefore instanceof JsonNumber number ? number.longValue()
                : notBefore instanceof Number number ? number.longValue() : Long.MIN_VALUE;
        return nbf > clock.instant().getEpochSecond() + CLOCK_SKEW_SECONDS;
    }
}
