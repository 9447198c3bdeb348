package io.latchkey.accounts.boundary;

import io.latchkey.web.Fields;
import io.latchkey.web.Message;
import io.latchkey.web.Problem;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

@ApplicationScoped
@Path("v1/auth/verify")
@Produces(MediaType.APPLICATION_JSON)
public class EmailVerificationResource {

    @Inject
    EmailVerification verification;

    @Inject
    ClientAddress clientAddress;

    @PATCH
    @Path("email")
    @SameOriginOnly
    public UserMessage verify(Fields body) {
        VerificationRequest verify = Fields.of(body).as(VerificationRequest.class);
        return new UserMessage("Email successfully verified", UserView.of(verification.verify(verify.token())));
    }

    @POST
    @Path("resend/{userId}")
    @RolesAllowed("user")
    public Message resend(@PathParam("userId") String userId, @Context HttpServletRequest request,
                          @Context SecurityContext caller) {
        JsonWebToken jwt = Claims.of(caller);
        if (!userId.equals(jwt.getSubject())) {
            throw Problem.forbidden("You can only ask for your own verification email");
        }
        return switch (verification.resend(Claims.userId(jwt), clientAddress.of(request))) {
            case SENT -> new Message("Verification email resent successfully");
            case ALREADY_VERIFIED -> new Message("Email already verified");
        };
    }
}
