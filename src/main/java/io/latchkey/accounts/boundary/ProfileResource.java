package io.latchkey.accounts.boundary;

import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.Fields;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;

/**
 * The signed-in user as they see themselves, and what they may change about it. Reading it is the protected call
 * every SPA makes most: it answers from the user the access token's check already read ({@link SignedIn}), with no
 * query and no transaction of its own.
 */
@ApplicationScoped
@Path("v1/auth/me")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    Profile profile;

    @Inject
    Clock clock;

    public record Me(ProfileView user) {
    }

    @GET
    @RolesAllowed("user")
    public Me me(@Context HttpServletRequest request) {
        return new Me(ProfileView.of(SignedIn.user(request), clock.instant()));
    }

    @PATCH
    @RolesAllowed("user")
    public Me update(Fields body, @Context SecurityContext caller) {
        return new Me(profile.update(Claims.userId(Claims.of(caller)), Fields.of(body)));
    }
}
