package io.latchkey.accounts.boundary;

import io.latchkey.web.Validation;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.web.Fields;
import io.latchkey.web.Message;
import io.latchkey.web.SameOriginOnly;
import io.latchkey.web.ClientAddress;
import io.latchkey.tokens.boundary.Claims;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

@ApplicationScoped
@Path("v1/auth/password")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResource {

    @Inject
    PasswordReset reset;

    @Inject
    PasswordChange change;

    @Inject
    ClientAddress clientAddress;

    @Inject
    Validation validation;

    /** The same answer, after the same work, for every valid address. */
    @POST
    @Path("reset")
    @SameOriginOnly
    public Message requestReset(Fields body, @Context HttpServletRequest request) {
        ResetLinkRequest link = validation.check(Fields.of(body).as(ResetLinkRequest.class));
        reset.request(EmailAddress.parse(link.email()).orElseThrow(), clientAddress.of(request));
        return new Message("Reset link sent successfully");
    }

    @PATCH
    @Path("update")
    @SameOriginOnly
    public Message update(Fields body) {
        reset.update(Fields.of(body).as(NewPasswordRequest.class));
        return new Message("Password successfully updated");
    }

    @PATCH
    @RolesAllowed("user")
    public Message change(Fields body, @Context SecurityContext caller, @Context HttpServletRequest request) {
        JsonWebToken jwt = Claims.of(caller);
        change.change(Claims.userId(jwt), Claims.sessionId(jwt), Claims.authTime(jwt),
                Fields.of(body).as(PasswordChangeRequest.class), clientAddress.of(request));
        return new Message("Password successfully changed");
    }
}
