package io.latchkey.telemetry;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Records security events with the request's origin. */
@Stateless
public class Audit {

    /** The events an operator may need to reconstruct what happened to an account. */
    public enum Event {
        LOGIN_SUCCEEDED, LOGIN_FAILED, LOGOUT, REFRESH_REUSE_DETECTED, PASSWORD_CHANGED, PASSWORD_RESET,
        EMAIL_VERIFIED, SESSION_REVOKED, PASSWORD_CHANGE_FAILED,
        /** The password of an account with a second factor was right; the login waits for its second step. */
        LOGIN_SECOND_STEP,
        MFA_ENROLMENT_STARTED, MFA_ENABLED, MFA_DISABLED, MFA_RECOVERY_CODE_USED, MFA_RECOVERY_CODES_REPLACED,
        MFA_FAILED,
        /** Wrong codes for one account reached the limit: its second step is blocked for a while. */
        MFA_THROTTLED,
        PASSKEY_ADDED, PASSKEY_RENAMED, PASSKEY_REMOVED,
        /** A passkey's sign count went back: a copy of its key is in use. The assertion was refused. */
        PASSKEY_CLONE_SUSPECTED,
        /** A change of address was asked for; the account keeps its address until the new one confirms it. */
        EMAIL_CHANGE_REQUESTED, EMAIL_CHANGED,
        /** The old address undid a change: every session ended. */
        EMAIL_CHANGE_UNDONE,
        PROFILE_CHANGED, ACCOUNT_EXPORTED,
        /** Kept without the address and device it came from, as every event of the deleted account. */
        ACCOUNT_DELETED,
        /** The credentials were right, but an admin disabled the account: answered as a wrong password. */
        LOGIN_DISABLED,
        /** An admin's actions, each naming the admin (the actor) and the account, with the admin's reason. */
        ADMIN_USER_DISABLED, ADMIN_USER_ENABLED, ADMIN_SESSIONS_REVOKED, ADMIN_VERIFICATION_RESENT, ADMIN_EMAIL_VERIFIED,
        ADMIN_PASSWORD_RESET_SENT, ADMIN_MFA_REMOVED, ADMIN_GRANTED, ADMIN_REVOKED, ADMIN_USER_DELETED,
        /** An identity provider's account was linked to the account (a new one, by its address, or asked for). */
        IDENTITY_LINKED, IDENTITY_UNLINKED
    }

    private static final String INSERT = "insert into audit_events (kind, user_id, session_id, client_address, user_agent)"
            + " values (?1, cast(?2 as uuid), cast(?3 as uuid), ?4, ?5)";

    @PersistenceContext
    EntityManager em;

    @Inject
    RequestOrigin origin;

    /** Records an event that belongs to the caller's change: it is kept if and only if the change commits. */
    public void record(Event event, UUID userId, UUID sessionId) {
        insert(event, userId, sessionId);
    }

    /** Records an admin's action on an account, in the action's transaction: who did it, to whom, and why. */
    public void recordByAdmin(Event event, UUID userId, UUID actorId, String reason) {
        em.createNativeQuery("insert into audit_events (kind, user_id, actor_id, reason, client_address, user_agent)"
                        + " values (?1, cast(?2 as uuid), cast(?3 as uuid), ?4, ?5, ?6)")
                .setParameter(1, event.name()).setParameter(2, text(userId)).setParameter(3, text(actorId))
                .setParameter(4, reason).setParameter(5, origin.clientAddress()).setParameter(6, origin.userAgent())
                .executeUpdate();
    }

    /** Records an event that stands even though the request fails (a wrong password). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(Event event, UUID userId) {
        insert(event, userId, null);
    }

    /** Records an event of an account being deleted: its id only, no address or device. */
    public void recordWithoutOrigin(Event event, UUID userId) {
        em.createNativeQuery("insert into audit_events (kind, user_id) values (?1, cast(?2 as uuid))")
                .setParameter(1, event.name()).setParameter(2, text(userId)).executeUpdate();
    }

    /** Keeps an account's events, but without the addresses and devices they came from (the account is deleted). */
    public void forgetOrigins(UUID userId) {
        em.createNativeQuery("update audit_events set client_address = null, user_agent = null"
                + " where user_id = cast(?1 as uuid)").setParameter(1, text(userId)).executeUpdate();
    }

    private void insert(Event event, UUID userId, UUID sessionId) {
        em.createNativeQuery(INSERT).setParameter(1, event.name()).setParameter(2, text(userId))
                .setParameter(3, text(sessionId)).setParameter(4, origin.clientAddress())
                .setParameter(5, origin.userAgent()).executeUpdate();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    /** Deletes the events older than the retention. */
    public int prune(Instant before) {
        return em.createNativeQuery("delete from audit_events where occurred_at < ?1")
                .setParameter(1, before.atOffset(ZoneOffset.UTC)).executeUpdate();
    }
}
