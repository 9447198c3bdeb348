package io.latchkey.federation.boundary;

import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.boundary.SignedIn;
import io.latchkey.accounts.entity.User;
import io.latchkey.federation.entity.Identity;
import io.latchkey.mfa.boundary.Passkeys;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.mfa.boundary.StepUpRequest;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.Fields;
import io.latchkey.web.Message;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;

/** The identity providers' accounts linked to the signed-in account: listed, and unlinked with a step-up. */
@ApplicationScoped
@Path("v1/auth/identities")
@Produces(MediaType.APPLICATION_JSON)
public class IdentitiesResource {

    @Inject
    Identities identities;

    @Inject
    Passkeys passkeys;

    @Inject
    StepUp stepUp;

    public record IdentityList(List<Identities.IdentityView> identities) {
    }

    @GET
    @RolesAllowed("user")
    public IdentityList list(@Context HttpServletRequest request) {
        return new IdentityList(identities.describe(SignedIn.user(request).id()));
    }

    /** Takes away a way in: a step-up; never the last one (409). The owner is mailed a notice. */
    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    public Message unlink(@PathParam("id") UUID id, Fields body, @Context SecurityContext caller,
                          @Context HttpServletRequest request) {
        User user = SignedIn.user(request);
        stepUp.require(People.owner(user), Claims.authTime(Claims.of(caller)),
                Fields.of(body).as(StepUpRequest.class).mfaCode());
        Identity gone = identities.unlink(user.id(), id, !passkeys.describe(user.id()).isEmpty());
        return new Message("The account at " + identities.name(gone.provider()) + " no longer signs in here");
    }
}
