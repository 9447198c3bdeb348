package io.latchkey.authentication.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.control.LiveCallers;
import io.latchkey.authentication.control.RefreshTokens;
import io.latchkey.authentication.entity.Session.EndReason;
import io.latchkey.authentication.entity.Session;
import io.latchkey.telemetry.Audit;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.web.Devices;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import io.latchkey.accounts.boundary.CredentialsChanged;
import io.latchkey.accounts.boundary.Recovery;
import io.latchkey.mfa.boundary.FactorRemoved;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ending sessions (logout, revocation, credential changes) and listing them. Ending a session blacklists every
 * token it issued: its refresh tokens are refused from then on, and its access tokens by Latchkey's own endpoints.
 */
@Stateless
public class Sessions {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    Audit audit;

    @Inject
    Telemetry telemetry;

    @Inject
    Recovery recovery;

    @Inject
    Devices devices;

    @Inject
    LiveCallers callers;

    /**
     * The user behind an access token, if its session is live and theirs. Asked on an authenticated request when
     * this instance does not keep the session ({@link LiveCallers}): one plain read of the session and its user
     * together, kept when live.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<User> liveCaller(UUID sessionId, UUID userId) {
        Instant now = clock.instant();
        long before = callers.generation();
        Optional<Object[]> live = em.createNamedQuery(Session.WITH_USER, Object[].class).setParameter("id", sessionId)
                .getResultStream().findFirst()
                .filter(row -> row[0] instanceof Session session && row[1] instanceof User user
                        && user.id().equals(userId) && session.isLive(now, user));
        live.ifPresent(row -> callers.keep(before, (Session) row[0], (User) row[1], now));
        return live.map(row -> (User) row[1]);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Session> live(UUID userId) {
        return em.createNamedQuery(Session.LIVE_OF_USER, Session.class).setParameter("user", userId).getResultList();
    }

    /** Logout with the refresh cookie alone: ends the cookie's session. False when the cookie is not a token. */
    public boolean logout(String cookie) {
        Optional<RefreshTokens.RefreshToken> token = refreshTokens.read(cookie);
        token.map(t -> em.find(Session.class, t.sessionId(), LockModeType.PESSIMISTIC_WRITE))
                .ifPresent(session -> end(session, EndReason.LOGOUT));
        return token.isPresent();
    }

    /**
     * Logout of a signed-in user: the cookie's session, else (no cookie, or not a token) the access token's own.
     * False, ending nothing, when the cookie names someone else's session: no logout is reported that did not happen.
     */
    public boolean logout(UUID userId, UUID tokenSession, String cookie) {
        Session session = refreshTokens.read(cookie)
                .map(token -> em.find(Session.class, token.sessionId(), LockModeType.PESSIMISTIC_WRITE))
                .orElseGet(() -> em.find(Session.class, tokenSession, LockModeType.PESSIMISTIC_WRITE));
        if (session == null) {
            return true;
        }
        if (!session.userId().equals(userId)) {
            return false;
        }
        end(session, EndReason.LOGOUT);
        return true;
    }

    /** Revokes one of the user's own sessions. */
    public void revoke(UUID userId, UUID sessionId) {
        Session session = Optional.ofNullable(em.find(Session.class, sessionId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such session"));
        if (!session.userId().equals(userId)) {
            throw Problem.forbidden("This session is not yours");
        }
        end(session, EndReason.REVOKED);
    }

    /** After a password reset: whoever had the old password is out everywhere. */
    private int revokeAll(UUID userId) {
        return revokeAllExcept(userId, null);
    }

    /** A credential change ends the account's sessions (see {@link CredentialsChanged}). */
    public void credentialsChanged(@Observes CredentialsChanged change) {
        change.keptSession().ifPresentOrElse(kept -> keepOnly(change.user(), kept),
                () -> revokeAll(change.user().id()));
    }

    /** A second factor turned off: the sessions it protected end, but for the one that turned it off. */
    public void factorRemoved(@Observes FactorRemoved removal) {
        revokeAllExcept(removal.userId(), removal.keptSession());
    }

    /**
     * After a password change: every session but the one that made it ends, and that one lives on with the new
     * credentials.
     */
    private void keepOnly(User changed, UUID keep) {
        revokeAllExcept(changed.id(), keep);
        Optional.ofNullable(em.find(Session.class, keep, LockModeType.PESSIMISTIC_WRITE))
                .ifPresent(session -> session.adoptCredentials(changed));
    }

    /**
     * "Sign out everywhere else", a recovery: every session but this one ends, and so does a pending change of
     * address, which one of them may have asked for ({@link Recovery}).
     */
    public int endOthers(UUID userId, UUID keep) {
        recovery.afterEndingOtherSessions(userId);
        return revokeAllExcept(userId, keep);
    }

    /** The user's live sessions, as their owner sees them (none is the caller's). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SessionResource.SessionView> describe(UUID userId) {
        return live(userId).stream().map(session -> SessionResource.SessionView.of(session, null, devices)).toList();
    }

    /**
     * Every live session of every account ends, in one statement: after a signing key or the database leaked. Their
     * refresh tokens and access tokens are refused from the commit on, on every instance. The count of those ended.
     */
    public int revokeEveryone() {
        Instant now = clock.instant();
        em.createNativeQuery("select set_config('latchkey.callers', 'all', true)").getSingleResult();
        int ended = em.createNamedQuery(Session.REVOKE_ALL).setParameter("now", now).executeUpdate();
        em.createNativeQuery("select pg_notify('latchkey_callers', '*')").getSingleResult();
        callers.forgetAll();
        return ended;
    }

    /** Every session of the user but this one ends. */
    public int revokeAllExcept(UUID userId, UUID keep) {
        List<Session> others = em.createNamedQuery(Session.UNREVOKED_OF_USER, Session.class)
                .setParameter("user", userId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                .stream().filter(s -> !s.id().equals(keep)).toList();
        others.forEach(session -> end(session, EndReason.REVOKED));
        return others.size();
    }

    /** Ends a session the caller holds locked: from now on none of its refresh or access tokens is accepted. */
    public void end(Session session, EndReason reason) {
        Instant now = clock.instant();
        if (session.isLive(now)) {
            audit.record(switch (reason) {
                case LOGOUT -> Audit.Event.LOGOUT;
                case REUSED -> Audit.Event.REFRESH_REUSE_DETECTED;
                case REVOKED -> Audit.Event.SESSION_REVOKED;
            }, session.userId(), session.id());
            telemetry.revocation(reason);
        }
        session.revoke(now);
    }
}
