package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.UserView;
import io.latchkey.platform.FieldError;
import io.latchkey.platform.Fields;
import io.latchkey.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationResource {

    @Inject
    Authentication authentication;

    @Inject
    JsonWebToken jwt;

    @JsonbPropertyOrder({"token", "expires_in", "user"})
    public record LoggedIn(String token, @JsonbProperty("expires_in") long expiresIn, UserView user) {
    }

    public record Me(UserView user) {
    }

    @POST
    @Path("login")
    public Response login(Fields body, @Context HttpServletRequest request) {
        String email = body.textOrEmpty("email");
        String password = body.textOrEmpty("password");
        requireBoth(email, password);
        var login = authentication.login(email, password, request.getHeader(HttpHeaders.USER_AGENT),
                request.getRemoteAddr());
        return Response.ok(new LoggedIn(login.accessToken().token(), login.accessToken().expiresInMillis(),
                        UserView.of(login.user())))
                .cacheControl(noStore())
                .build();
    }

    @GET
    @Path("me")
    @RolesAllowed("user")
    public Me me() {
        return new Me(UserView.of(authentication.userOf(jwt.getSubject())));
    }

    private static void requireBoth(String email, String password) {
        List<FieldError> errors = new ArrayList<>();
        if (email.isBlank()) {
            errors.add(new FieldError("email", "Email is required"));
        }
        if (password.isEmpty()) {
            errors.add(new FieldError("password", "Password is required"));
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
    }

    /** Responses that carry a token must never be stored by a browser or a proxy. */
    static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        cache.setNoCache(true);
        return cache;
    }
}
