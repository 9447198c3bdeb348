package io.latchkey.mfa.boundary;

import io.latchkey.web.Caching;
import io.latchkey.mfa.entity.Passkey;
import io.latchkey.tokens.boundary.Claims;
import io.latchkey.web.Fields;
import io.latchkey.web.JsonText;
import io.latchkey.web.MaxLength;
import io.latchkey.web.Message;
import io.latchkey.web.NoControlCharacters;
import io.latchkey.web.Required;
import io.latchkey.web.Validation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user's passkeys over HTTP: adding one (behind a step-up), the list, renaming and removing one. In
 * the standard JSON forms: options as {@code parseCreationOptionsFromJSON()} takes them, responses as
 * {@code PublicKeyCredential.toJSON()} gives them. Signing in with a passkey is authentication's
 * ({@code PasskeySignInResource}).
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
    Validation validation;

    @Inject
    Callers callers;

    @JsonbPropertyOrder({"id", "name", "created_at", "last_used_at", "backed_up"})
    public record PasskeyView(String id, String name, @JsonbProperty("created_at") Instant createdAt,
                              @JsonbProperty("last_used_at") @JsonbNillable Instant lastUsedAt,
                              @JsonbProperty("backed_up") boolean backedUp) {
        static PasskeyView of(Passkey passkey) {
            return new PasskeyView(passkey.id().toString(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt(),
                    passkey.backedUp());
        }
    }

    public record PasskeyList(List<PasskeyView> passkeys) {
    }


    /** The body of a rename: what the owner will recognise the passkey by. */
    public record RenameRequest(
            @Required(message = "Name is required")
            @MaxLength(value = Passkey.MAX_NAME, message = "Name must be at most " + Passkey.MAX_NAME + " characters")
            @NoControlCharacters(message = "Name must not contain control characters") String name) {
    }

    @GET
    @RolesAllowed("user")
    public PasskeyList list(@Context HttpServletRequest request) {
        return new PasskeyList(passkeys.of(callers.of(request).id()).stream().map(PasskeyView::of).toList());
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed("user")
    public PasskeyView rename(@PathParam("id") UUID id, Fields body, @Context HttpServletRequest request) {
        RenameRequest rename = validation.check(Fields.of(body).as(RenameRequest.class));
        return PasskeyView.of(passkeys.rename(callers.of(request), id, rename.name()));
    }

    /** Removing a passkey takes away a way in: a step-up, as for turning off an authenticator app. */
    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    public Message remove(@PathParam("id") UUID id, Fields body, @Context SecurityContext caller,
                          @Context HttpServletRequest request) {
        JsonWebToken jwt = Claims.of(caller);
        Owner owner = callers.of(request);
        stepUp.require(owner, Claims.authTime(jwt), Fields.of(body).as(StepUpRequest.class).mfaCode());
        passkeys.remove(owner, id, Claims.sessionId(jwt));
        return new Message("The passkey was removed; your other sessions were signed out");
    }

    @POST
    @Path("register/options")
    @RolesAllowed("user")
    public Response registrationOptions(Fields body, @Context SecurityContext caller,
                                        @Context HttpServletRequest request) {
        Owner owner = callers.of(request);
        JsonWebToken jwt = Claims.of(caller);
        stepUp.requireForEnrolment(owner, Claims.amr(jwt), Claims.authTime(jwt),
                Fields.of(body).as(StepUpRequest.class).mfaCode());
        return noStore(passkeys.registrationOptions(owner));
    }

    @POST
    @Path("register")
    @RolesAllowed("user")
    public Response register(JsonText body, @Context HttpServletRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(PasskeyView.of(passkeys.register(callers.of(request), body.text()))).build();
    }



    private static Response noStore(JsonObject options) {
        return Response.ok(options).cacheControl(Caching.noStore()).build();
    }
}
