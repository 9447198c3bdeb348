package io.latchkey.federation.boundary;

import io.latchkey.federation.entity.Identity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The identity providers' accounts linked to an account, as its owner and its admins see them. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Identities {

    @PersistenceContext
    EntityManager em;

    @Inject
    IdentityProviders providers;

    @JsonbPropertyOrder({"id", "provider", "provider_name", "email", "linked_at", "last_used_at"})
    public record IdentityView(String id, String provider, @JsonbProperty("provider_name") String providerName,
                               @JsonbNillable String email, @JsonbProperty("linked_at") Instant linkedAt,
                               @JsonbProperty("last_used_at") @JsonbNillable Instant lastUsedAt) {
    }

    /** Oldest first; never the subject's secrets (there are none: the subject is an id, the address a label). */
    public List<IdentityView> describe(UUID userId) {
        return em.createNamedQuery(Identity.OF_USER, Identity.class).setParameter("userId", userId).getResultList()
                .stream().map(identity -> new IdentityView(identity.id().toString(), identity.provider(),
                        name(identity.provider()), identity.email().orElse(null), identity.linkedAt(),
                        identity.lastUsedAt().orElse(null))).toList();
    }

    /** The provider's label; its id when it is no longer configured (its identities stay, and can be unlinked). */
    public String name(String provider) {
        return providers.find(provider).map(p -> p.settings().name()).orElse(provider);
    }
}
