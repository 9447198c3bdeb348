package io.latchkey.federation.boundary;

import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.boundary.WaysInVoided;
import io.latchkey.accounts.entity.User;
import io.latchkey.federation.entity.Identity;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.telemetry.Audit;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.enterprise.event.Observes;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The identity providers' accounts linked to an account: as its owner and its admins see them, and their removal
 * (unlinked by the owner, or voided by a recovery), each audited and told to the owner.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Identities {

    @PersistenceContext
    EntityManager em;

    @Inject
    IdentityProviders providers;

    @Inject
    Audit audit;

    @Inject
    SecurityNotices notices;

    @Inject
    MailTemplates templates;

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

    /** Unlinks an identity of this account; not its last way in (no password, passkey or other identity left). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Identity unlink(UUID userId, UUID identityId, boolean hasPasskey) {
        // Locked: two unlinks at once must not both see the other identity left.
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        List<Identity> identities = em.createNamedQuery(Identity.OF_USER, Identity.class)
                .setParameter("userId", userId).getResultList();
        Identity identity = identities.stream().filter(i -> i.id().equals(identityId)).findFirst()
                .orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such linked account"));
        if (!user.hasPassword() && !hasPasskey && identities.size() == 1) {
            throw new Problem(ProblemType.CONFLICT, "This is your only way to sign in: set a password or add a"
                    + " passkey first");
        }
        remove(user, identity);
        return identity;
    }

    /**
     * Recovery wins: the owner's reset or undo removes what was linked within the recovery window, an emailed sign-in
     * that verifies an address for the first time everything (the registrant may have linked their own provider).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void voided(@Observes WaysInVoided voided) {
        em.createNamedQuery(Identity.LINKED_SINCE, Identity.class).setParameter("userId", voided.user().id())
                .setParameter("since", voided.since()).getResultList()
                .forEach(identity -> remove(voided.user(), identity));
    }

    private void remove(User user, Identity identity) {
        em.remove(identity);
        audit.record(Audit.Event.IDENTITY_UNLINKED, user.id(), null);
        notices.send(SecurityNotices.Kind.FACTORS, templates.identityUnlinked(People.recipient(user),
                name(identity.provider()), identity.email().orElse(null)));
    }

    /** The provider's label; its id when it is no longer configured (its identities stay, and can be unlinked). */
    public String name(String provider) {
        return providers.find(provider).map(p -> p.settings().name()).orElse(provider);
    }
}
