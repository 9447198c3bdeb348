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
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The identity providers' accounts linked to the signed-in account: listed, and unlinked with a step-up. */
@ApplicationScoped
@Path("v1/auth/identities")
@Produces(MediaType.APPLICATION_JSON)
public class IdentitiesResource {

    @Inject
    ProviderFlows flows;

    @Inject
    IdentityProviders providers;

    @Inject
    Passkeys passkeys;

    @Inject
    StepUp stepUp;

    @JsonbPropertyOrder({"id", "provider", "provider_name", "email", "linked_at", "last_used_at"})
    public record IdentityView(String id, String provider, @JsonbProperty("provider_name") String providerName,
                               @JsonbNillable String email, @JsonbProperty("linked_at") Instant linkedAt,
                               @JsonbProperty("last_used_at") @JsonbNillable Instant lastUsedAt) {
    }

    public record IdentityList(List<IdentityView> identities) {
    }

    @GET
    @RolesAllowed("user")
    public IdentityList list(@Context HttpServletRequest request) {
        return new IdentityList(flows.of(SignedIn.user(request).id()).stream().map(this::view).toList());
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
        Identity gone = flows.unlink(user.id(), id, !passkeys.describe(user.id()).isEmpty(), this::name);
        return new Message("The account at " + name(gone.provider()) + " no longer signs in here");
    }

    private IdentityView view(Identity identity) {
        return new IdentityView(identity.id().toString(), identity.provider(), name(identity.provider()),
                identity.email().orElse(null), identity.linkedAt(), identity.lastUsedAt().orElse(null));
    }

    /** The provider's label; its id when it is no longer configured (its identities stay, and can be unlinked). */
    private String name(String provider) {
        return providers.find(provider).map(p -> p.settings().name()).orElse(provider);
    }
}
