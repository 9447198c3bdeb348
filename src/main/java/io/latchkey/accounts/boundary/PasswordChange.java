package io.latchkey.accounts.boundary;

import io.latchkey.web.Validation;
import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.mfa.boundary.Owner;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.telemetry.Audit;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.web.Problem;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Changing the password while logged in: the current one is required, and checked as a login checks it (throttled
 * per account and address, failures audited), so a stolen access token is no licence to guess it. The other
 * sessions end, and so do outstanding reset links and a pending change of address ({@link Recovery}).
 */
@Stateless
public class PasswordChange {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    Validation validation;

    @Inject
    PasswordHasher hasher;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    MailTemplates templates;

    @Inject
    SecurityNotices notices;

    @Inject
    Audit audit;

    @Inject
    PasswordCheck passwordCheck;

    @Inject
    ActionTokens tokens;

    @Inject
    StepUp stepUp;

    @Inject
    Recovery recovery;

    /**
     * For an account with a second factor, the step-up comes first: without a recent sign-in or a code, the current
     * password is not even checked, so a stolen access token cannot be used to guess it.
     */
    public void change(UUID userId, UUID currentSession, Optional<Instant> authTime, PasswordChangeRequest request,
                       String clientAddress) {
        validation.check(request);
        String current = request.currentPassword();
        String password = request.password();
        User user = Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> Problem.unauthorized("Unauthorized"));
        stepUp.requireIfEnrolled(People.owner(user), authTime, request.mfaCode());
        passwordCheck.require(user, current, clientAddress, "current_password", "Current password is incorrect");
        user.changePassword(hasher.hash(password), clock.instant());
        tokens.supersede(ActionToken.Kind.RESET_PASSWORD, userId);
        recovery.afterEndingOtherSessions(userId);
        credentialsChanged.fire(CredentialsChanged.keeping(user, currentSession));
        audit.record(Audit.Event.PASSWORD_CHANGED, userId, currentSession);
        notices.send(SecurityNotices.Kind.PASSWORD, templates.passwordChanged(People.recipient(user)));
    }
}
