package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/** Finding accounts, for the capabilities that act on them (login, tokens, email flows). */
@Stateless
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
