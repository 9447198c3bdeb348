package io.latchkey.tokens.boundary;

import io.latchkey.tokens.entity.ActionToken;
import io.latchkey.tokens.entity.ActionToken.Kind;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Issues and looks up the one-time tokens of the email flows, in the caller's transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ActionTokens {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    /** A new token; the secret returned is the only copy, to be mailed. */
    public String issue(Kind kind, UUID userId, Duration lifetime) {
        ActionToken.Issued issued = ActionToken.issue(kind, userId, now(), lifetime);
        em.persist(issued.token());
        return issued.secret();
    }

    /** A new token standing for a credential check just made (see {@link ActionToken#isFor}). */
    public String issue(Kind kind, UUID userId, Duration lifetime, long credentialVersion) {
        ActionToken.Issued issued = ActionToken.issue(kind, userId, credentialVersion, now(), lifetime);
        em.persist(issued.token());
        return issued.secret();
    }

    /** A new token carrying a value (see {@link ActionToken.Kind}) that makes every earlier one of its kind useless. */
    public ActionToken.Issued supersedeAndIssue(Kind kind, UUID userId, Duration lifetime, String payload) {
        supersede(kind, userId);
        ActionToken.Issued issued = ActionToken.carrying(payload, kind, userId, now(), lifetime);
        em.persist(issued.token());
        return issued;
    }

    /** A new token standing for a credential check, carrying how the check was made. */
    public String issue(Kind kind, UUID userId, Duration lifetime, long credentialVersion, String payload) {
        ActionToken.Issued issued = ActionToken.issue(kind, userId, credentialVersion, now(), lifetime);
        issued.token().carry(payload);
        em.persist(issued.token());
        return issued.secret();
    }

    /** A new token carrying a value, alongside earlier ones of its kind. */
    public String issue(Kind kind, UUID userId, Duration lifetime, String payload) {
        ActionToken.Issued issued = ActionToken.carrying(payload, kind, userId, now(), lifetime);
        em.persist(issued.token());
        return issued.secret();
    }

    /** The newest token of this kind for the user that may still be honoured, if any; locked when asked. */
    public Optional<ActionToken> newest(Kind kind, UUID userId, boolean lock) {
        var query = em.createNamedQuery(ActionToken.NEWEST_LIVE, ActionToken.class).setParameter("user", userId)
                .setParameter("kind", kind).setParameter("now", now()).setMaxResults(1);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    /**
     * Counts a wrong answer to a token's code, spending the token at the {@code max}-th. It is one statement, run as
     * well when there is no token (it then matches no row), so a wrong code costs the same whether the address has an
     * account with a code or not (changing the entity instead cost the account's about half a millisecond more).
     */
    public void countWrongAnswer(Optional<ActionToken> token, int max) {
        em.createNamedQuery(ActionToken.WRONG_ANSWER).setParameter("hash", token.map(ActionToken::tokenHash).orElse(""))
                // The converter of Instant attributes is not applied to a value inside a case expression.
                .setParameter("max", max).setParameter("now", now().atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    /** A new token that makes every earlier unused one of its kind for this user useless. */
    public String supersedeAndIssue(Kind kind, UUID userId, Duration lifetime) {
        supersede(kind, userId);
        return issue(kind, userId, lifetime);
    }

    /** Makes every unused token of this kind for this user useless (a password changed: no reset link lives on). */
    public void supersede(Kind kind, UUID userId) {
        em.createNamedQuery(ActionToken.SUPERSEDE).setParameter("user", userId).setParameter("kind", kind)
                .setParameter("now", now()).executeUpdate();
    }

    /**
     * Spends a single-use token: its row is locked first, so of concurrent requests with one token, on any
     * instance, exactly one gets it; the others find it used. Empty when it may not be spent.
     */
    public Optional<ActionToken> spend(Kind purpose, String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 128) {
            return Optional.empty();
        }
        Instant now = now();
        Optional<ActionToken> token = Optional.ofNullable(
                        em.find(ActionToken.class, ActionToken.hash(secret), LockModeType.PESSIMISTIC_WRITE))
                .filter(t -> t.isRedeemable(purpose, now));
        token.ifPresent(t -> t.use(now));
        return token;
    }

    /**
     * The token behind a secret, locked for the rest of the transaction, if it may be honoured now: for tokens spent
     * only when a code given with them is right. Concurrent requests with one token are served one at a time.
     */
    public Optional<ActionToken> lock(Kind purpose, String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 128) {
            return Optional.empty();
        }
        Instant now = now();
        return Optional.ofNullable(em.find(ActionToken.class, ActionToken.hash(secret), LockModeType.PESSIMISTIC_WRITE))
                .filter(t -> t.isRedeemable(purpose, now));
    }

    /** The token behind a secret, if it may be honoured now for this purpose. */
    public Optional<ActionToken> redeemable(Kind purpose, String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 128) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(ActionToken.class, ActionToken.hash(secret)))
                .filter(token -> token.isRedeemable(purpose, now()));
    }

    /**
     * Whether another user than {@code except} holds a live token of this kind carrying this value (ignoring case):
     * an address that an account left stays its own while its undo link lives.
     */
    public boolean heldByAnother(Kind kind, String payload, UUID except) {
        return em.createNamedQuery(ActionToken.LIVE_CARRYING, Long.class).setParameter("kind", kind)
                .setParameter("payload", payload.toLowerCase(java.util.Locale.ROOT)).setParameter("now", now())
                .setParameter("except", except == null ? new UUID(0, 0) : except).getSingleResult() > 0;
    }

    /** When the newest token of this kind was issued to the user, if ever. */
    public Optional<Instant> lastIssued(Kind kind, UUID userId) {
        return em.createNamedQuery(ActionToken.NEWEST, ActionToken.class)
                .setParameter("user", userId).setParameter("kind", kind)
                .setMaxResults(1).getResultStream().findFirst().map(ActionToken::createdAt);
    }

    private Instant now() {
        return clock.instant();
    }
}
