package io.latchkey.passwords.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.authentication.boundary.Sessions;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.Outbox;
import io.latchkey.operations.Audit;
import io.latchkey.passwords.control.PasswordHasher;
import io.latchkey.passwords.control.PasswordPolicy;
import io.latchkey.platform.FieldError;
import io.latchkey.platform.Problem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Changing the password while logged in: the current one is required, the other sessions end. */
@Stateless
public class PasswordChange {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordPolicy policy;

    @Inject
    PasswordHasher hasher;

    @Inject
    Sessions sessions;

    @Inject
    Outbox outbox;

    @Inject
    MailTemplates templates;

    @Inject
    Audit audit;

    public void change(UUID userId, UUID currentSession, String current, String password, String confirmation) {
        if (current.isEmpty()) {
            throw Problem.validation("current_password", "Current password is required");
        }
        List<FieldError> errors = policy.check(password, confirmation, "password", "confirm_password");
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
        User user = Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> Problem.unauthorized("Unauthorized"));
        if (!hasher.verify(current, user.passwordHash()).matches()) {
            throw Problem.validation("current_password", "Current password is incorrect");
        }
        user.replacePasswordHash(hasher.hash(password), Instant.now().truncatedTo(ChronoUnit.MICROS));
        sessions.revokeAllExcept(userId, currentSession);
        audit.record(Audit.Event.PASSWORD_CHANGED, userId, currentSession);
        outbox.queue(templates.passwordChanged(user.name(), user.email()));
    }
}
