package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Finding accounts, for the capabilities that act on them (login, tokens, email flows). They join the caller's
 * transaction, and reads outside one run without any (one round trip, no BEGIN and COMMIT).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Accounts {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    ActionTokens tokens;

    public Optional<User> byEmail(EmailAddress email) {
        return em.createNamedQuery(User.BY_EMAIL, User.class)
                .setParameter("key", email.lookupKey())
                .getResultStream()
                .findFirst();
    }

    /**
     * Whether an account other than {@code except} left this address and may still take it back: it stays reserved
     * while that account's undo link lives, so that no one can block the undo by taking the address meanwhile.
     */
    public boolean isReserved(EmailAddress email, UUID except) {
        return tokens.heldByAnother(ActionToken.Kind.UNDO_EMAIL_CHANGE, email.value(), except);
    }

    public Optional<User> byId(UUID id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /**
     * Stores a hash of the same password made under the current policy, in the caller's transaction, unless the
     * password changed since it was verified.
     */
    public void upgradePasswordHash(User user, String verifiedHash, String upgraded) {
        em.createNamedQuery(User.UPGRADE_HASH).setParameter("upgraded", upgraded)
                .setParameter("now", clock.instant())
                .setParameter("id", user.id()).setParameter("verified", verifiedHash).executeUpdate();
    }
}
