package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.AddressRequest;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Table;
import java.util.List;
import java.util.function.Consumer;

/**
 * Answers the mails asked for an address (a reset link, a sign-in code): the request only stored a row, so it told
 * nothing; here, later, the owner of an account at that address gets its mail and any other address nothing.
 */
@Stateless
public class AddressRequests {

    /** How many requests one transaction answers; instances share the work, each claiming rows none holds. */
    private static final int BATCH = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    /**
     * Claims a batch of waiting requests of one kind, mails each account's owner by {@code answer}, and removes the
     * batch. Returns how many were claimed: 0 when none waits.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <R extends AddressRequest> int answerPending(Class<R> kind, Consumer<User> answer) {
        String claim = "select * from " + kind.getAnnotation(Table.class).name()
                + " order by requested_at limit " + BATCH + " for update skip locked";
        @SuppressWarnings("unchecked")
        List<R> pending = em.createNativeQuery(claim, kind).getResultList();
        for (R request : pending) {
            EmailAddress.parse(request.email()).flatMap(accounts::byEmail).ifPresent(answer);
            em.remove(request);
        }
        return pending.size();
    }
}
