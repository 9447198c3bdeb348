package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/**
 * Finding accounts, for the capabilities that act on them (login, tokens, email flows). Reads only: they join the
 * caller's transaction, and outside one they run without any (one round trip, no BEGIN and COMMIT).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Accounts {

    @PersistenceContext
    EntityManager em;

    public Optional<User> byEmail(EmailAddress email) {
        return em.createNamedQuery(User.BY_EMAIL, User.class)
                .setParameter("key", email.lookupKey())
                .getResultStream()
                .findFirst();
    }

    public Optional<User> byId(UUID id) {
        return Optional.ofNullable(em.find(User.class, id));
    }
}
