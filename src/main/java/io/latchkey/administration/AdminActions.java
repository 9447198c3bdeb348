package io.latchkey.administration;

import io.latchkey.accounts.boundary.AccountAdministration;
import io.latchkey.accounts.boundary.AccountAdministration.Account;
import io.latchkey.administration.AdminAccess.Admin;
import io.latchkey.authentication.boundary.Sessions;
import io.latchkey.privacy.AccountDeletion;
import io.latchkey.telemetry.Audit;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * An admin's actions on accounts, each in one transaction with its audit event (the admin, the account, the reason):
 * the event is kept if and only if the action happened.
 */
@Stateless
public class AdminActions {

    @Inject
    AccountAdministration accounts;

    @Inject
    Sessions sessions;

    @Inject
    AccountDeletion deletion;

    @Inject
    Audit audit;

    public Account disable(Admin admin, UUID target, String reason, Instant until) {
        return act(admin, target, Audit.Event.ADMIN_USER_DISABLED, reason, id -> accounts.disable(id, reason, until));
    }

    public Account enable(Admin admin, UUID target, String reason) {
        return act(admin, target, Audit.Event.ADMIN_USER_ENABLED, reason, accounts::enable);
    }

    /** Every session of the account ends; the count of those that did. */
    public int logout(Admin admin, UUID target, String reason) {
        AdminAccess.requireOther(admin, target);
        accounts.find(target).orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such user"));
        return endSessions(admin, target, reason);
    }

    public Account resendVerification(Admin admin, UUID target, String reason) {
        return act(admin, target, Audit.Event.ADMIN_VERIFICATION_RESENT, reason, accounts::resendVerification);
    }

    public Account verify(Admin admin, UUID target, String reason) {
        return act(admin, target, Audit.Event.ADMIN_EMAIL_VERIFIED, reason, accounts::verify);
    }

    public Account resetPassword(Admin admin, UUID target, String reason) {
        return act(admin, target, Audit.Event.ADMIN_PASSWORD_RESET_SENT, reason, accounts::sendResetLink);
    }

    public Account removeSecondFactors(Admin admin, UUID target, String reason) {
        return act(admin, target, Audit.Event.ADMIN_MFA_REMOVED, reason, accounts::removeSecondFactors);
    }

    public Account grantAdmin(Admin admin, UUID target, String reason) {
        return act(admin, target, Audit.Event.ADMIN_GRANTED, reason, accounts::grantAdmin);
    }

    public Account revokeAdmin(Admin admin, UUID target, String reason) {
        return act(admin, target, Audit.Event.ADMIN_REVOKED, reason, accounts::revokeAdmin);
    }

    /** As the owner's own deletion: the account and what it owns go; its audit trail stays, without origins. */
    public void delete(Admin admin, UUID target, String reason) {
        AdminAccess.requireOther(admin, target);
        accounts.requireNotLastAdmin(target);
        deletion.erase(target);
        audit.recordByAdmin(Audit.Event.ADMIN_USER_DELETED, target, admin.id(), reason);
    }

    /** The sessions of these accounts end (each one audited); the count of those that did. */
    public int revokeSessions(Admin admin, List<UUID> targets, String reason) {
        targets.forEach(target -> AdminAccess.requireOther(admin, target));
        return targets.stream().filter(target -> accounts.find(target).isPresent())
                .mapToInt(target -> endSessions(admin, target, reason)).sum();
    }

    private int endSessions(Admin admin, UUID target, String reason) {
        int ended = sessions.revokeAllExcept(target, null);
        audit.recordByAdmin(Audit.Event.ADMIN_SESSIONS_REVOKED, target, admin.id(), reason);
        return ended;
    }

    /** Every live session of every account, the admin's own too: after a key or the database leaked. */
    public int revokeEverySession(Admin admin, String reason) {
        int ended = sessions.revokeEveryone();
        audit.recordByAdmin(Audit.Event.ADMIN_SESSIONS_REVOKED, null, admin.id(),
                reason == null ? "every session (" + ended + ")" : reason + " (every session: " + ended + ")");
        return ended;
    }

    private Account act(Admin admin, UUID target, Audit.Event event, String reason, Function<UUID, Account> action) {
        AdminAccess.requireOther(admin, target);
        Account account = action.apply(target);
        audit.recordByAdmin(event, target, admin.id(), reason);
        return account;
    }
}
