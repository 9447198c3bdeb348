package io.latchkey.authentication.boundary;

import io.latchkey.accounts.boundary.SignedIn;
import io.latchkey.accounts.entity.User;
import io.latchkey.mfa.boundary.Owner;
import io.latchkey.mfa.boundary.Passkeys;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.mfa.entity.Passkey;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.ClientAddress;
import io.latchkey.web.Fields;
import io.latchkey.web.JsonText;
import io.latchkey.web.SameOriginOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/**
 * Passkeys over HTTP, in the standard JSON forms: options as {@code parseCreationOptionsFromJSON()} and
 * {@code parseRequestOptionsFromJSON()} take them, responses as {@code PublicKeyCredential.toJSON()} gives them.
 */
@ApplicationScoped
@Path("v1/auth/passkeys")
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyResource {

    @Inject
    Passkeys passkeys;

    @Inject
    StepUp stepUp;

    @Inject
    Authentication authentication;

    @Inject
    ClientAddress clientAddress;

    @Inject
    SignInAnswers answers;

    @JsonbPropertyOrder({"id", "name", "created_at", "last_used_at", "backed_up"})
    public record PasskeyView(String id, String name, @JsonbProperty("created_at") Instant createdAt,
                              @JsonbProperty("last_used_at") @JsonbNillable Instant lastUsedAt,
                              @JsonbProperty("backed_up") boolean backedUp) {
        static PasskeyView of(Passkey passkey) {
            return new PasskeyView(passkey.id().toString(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt(),
                    passkey.backedUp());
        }
    }

    /** The optional body of the options: a fresh code as step-up, when the sign-in is not recent. */
    public record StepUpRequest(String mfaCode) {
    }

    @POST
    @Path("register/options")
    @RolesAllowed("user")
    public Response registrationOptions(Fields body, @Context SecurityContext caller,
                                        @Context HttpServletRequest request) {
        Owner owner = owner(request);
        stepUp.require(owner, Claims.authTime(Claims.of(caller)), Fields.of(body).as(StepUpRequest.class).mfaCode());
        return noStore(passkeys.registrationOptions(owner));
    }

    @POST
    @Path("register")
    @RolesAllowed("user")
    public Response register(JsonText body, @Context HttpServletRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(PasskeyView.of(passkeys.register(owner(request), body.text()))).build();
    }

    @POST
    @Path("login/options")
    @SameOriginOnly
    public Response signInOptions() {
        return noStore(passkeys.signInOptions());
    }

    @POST
    @Path("login")
    @SameOriginOnly
    public Response signIn(JsonText body, @Context HttpServletRequest request) {
        return answers.signedIn(authentication.passkeySignIn(body.text(), request.getHeader(HttpHeaders.USER_AGENT),
                clientAddress.of(request)));
    }

    private static Owner owner(HttpServletRequest request) {
        User user = SignedIn.user(request);
        return new Owner(user.id(), user.email(), user.name());
    }

    private static Response noStore(JsonObject options) {
        return Response.ok(options).cacheControl(AuthenticationResource.noStore()).build();
    }
}
