package io.latchkey.privacy;

import io.latchkey.accounts.boundary.People;
import io.latchkey.web.Caching;
import io.latchkey.accounts.boundary.SignedIn;
import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.boundary.RefreshCookie;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.ClientAddress;
import io.latchkey.web.Fields;
import io.latchkey.web.Message;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The account as its owner may take it away: exported, or deleted. */
@ApplicationScoped
@Path("v1/auth/account")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class AccountResource {

    /** The step-up code of a GET, which has no body. */
    public static final String MFA_CODE_HEADER = "X-MFA-Code";

    @Inject
    AccountExport export;

    @Inject
    AccountDeletion deletion;

    @Inject
    StepUp stepUp;

    @Inject
    RefreshCookie cookie;

    @Inject
    ClientAddress clientAddress;

    @DELETE
    public Response delete(Fields body, @Context SecurityContext caller, @Context HttpServletRequest request) {
        JsonWebToken jwt = Claims.of(caller);
        deletion.delete(Claims.userId(jwt), Claims.authTime(jwt), Fields.of(body).as(DeletionRequest.class),
                clientAddress.of(request));
        return Response.ok(new Message("Your account was deleted")).header(HttpHeaders.SET_COOKIE, cookie.clear())
                .cacheControl(Caching.noStore()).build();
    }

    /** A download: the browser saves it as a file. */
    @GET
    @Path("export")
    public Response export(@HeaderParam(MFA_CODE_HEADER) String mfaCode, @Context SecurityContext caller,
                           @Context HttpServletRequest request) {
        User user = SignedIn.user(request);
        stepUp.require(People.owner(user), Claims.authTime(Claims.of(caller)), mfaCode);
        return Response.ok(export.of(user))
                .header("Content-Disposition", "attachment; filename=\"latchkey-account.json\"")
                .cacheControl(Caching.noStore()).build();
    }

}
