package io.latchkey.accounts.boundary;

import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.ClientAddress;
import io.latchkey.web.Fields;
import io.latchkey.web.Message;
import io.latchkey.web.SameOriginOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Changing the account's address: asked for while signed in, confirmed from the new mailbox, undone from the old. */
@ApplicationScoped
@Path("v1/auth/email")
@Produces(MediaType.APPLICATION_JSON)
public class EmailResource {

    @Inject
    EmailChange change;

    @Inject
    ClientAddress clientAddress;

    /** 202 for every address, free or taken. */
    @POST
    @RolesAllowed("user")
    public Response request(Fields body, @Context SecurityContext caller, @Context HttpServletRequest request) {
        JsonWebToken jwt = Claims.of(caller);
        change.request(Claims.userId(jwt), Claims.authTime(jwt), Fields.of(body).as(EmailChangeRequest.class),
                clientAddress.of(request));
        return Response.accepted(new Message("Open the link we sent to the new address to confirm it")).build();
    }

    @POST
    @Path("confirm")
    @SameOriginOnly
    public UserMessage confirm(Fields body) {
        return new UserMessage("Email address changed",
                UserView.of(change.confirm(Fields.of(body).as(VerificationRequest.class).token())));
    }

    @POST
    @Path("undo")
    @SameOriginOnly
    public UserMessage undo(Fields body) {
        return new UserMessage("Email address restored; every session was signed out and the password removed: a link"
                + " to choose a new one was mailed",
                UserView.of(change.undo(Fields.of(body).as(VerificationRequest.class).token())));
    }
}
