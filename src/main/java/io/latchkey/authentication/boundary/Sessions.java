package io.latchkey.authentication.boundary;

import io.latchkey.authentication.entity.Session;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/** Ending sessions when credentials change, in the caller's transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Sessions {

    @PersistenceContext
    EntityManager em;

    /** After a password reset: whoever had the old password is out everywhere. */
    public int revokeAll(UUID userId) {
        return em.createNamedQuery(Session.REVOKE_ALL).setParameter("user", userId).executeUpdate();
    }

    /** After a password change: the device that changed it stays in, every other is out. */
    public int revokeAllExcept(UUID userId, UUID keep) {
        return em.createNamedQuery(Session.REVOKE_ALL_EXCEPT).setParameter("user", userId).setParameter("keep", keep)
                .executeUpdate();
    }
}
