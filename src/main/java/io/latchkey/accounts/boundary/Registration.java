package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.passwords.control.PasswordHasher;
import io.latchkey.passwords.control.PasswordPolicy;
import io.latchkey.platform.FieldError;
import io.latchkey.platform.Problem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creating an account: every field checked at once, the password hashed, one account per address, and the
 * verification mail queued in the same transaction.
 */
@Stateless
public class Registration {

    static final String EMAIL_TAKEN = "Email is already taken!";
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    PasswordHasher hasher;

    @Inject
    EmailVerification verification;

    public User register(String name, String email, String password, String confirmation) {
        List<FieldError> errors = new ArrayList<>();
        String trimmedName = name.strip();
        checkName(trimmedName).ifPresent(errors::add);
        Optional<EmailAddress> address = EmailAddress.parse(email);
        if (email.isBlank()) {
            errors.add(new FieldError("email", "Email is required"));
        } else if (address.isEmpty()) {
            errors.add(new FieldError("email", "Email must be a valid address"));
        }
        errors.addAll(passwordPolicy.check(password, confirmation, "password", "confirm_password"));
        if (address.isPresent() && accounts.byEmail(address.get()).isPresent()) {
            errors.add(new FieldError("email", EMAIL_TAKEN));
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
        User user = User.register(trimmedName, address.get(), hasher.hash(password),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        em.persist(user);
        flushOrRefuseDuplicate();
        verification.send(user);
        return user;
    }

    private static Optional<FieldError> checkName(String name) {
        if (name.isEmpty()) {
            return Optional.of(new FieldError("name", "Name is required"));
        }
        if (name.codePointCount(0, name.length()) > User.MAX_NAME_LENGTH) {
            return Optional.of(new FieldError("name", "Name must be at most " + User.MAX_NAME_LENGTH + " characters"));
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(new FieldError("name", "Name must not contain control characters"));
        }
        return Optional.empty();
    }

    /** Two registrations of one address racing past the check: the unique index lets one through, not both. */
    private void flushOrRefuseDuplicate() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    throw Problem.validation("email", EMAIL_TAKEN);
                }
            }
            throw e;
        }
    }
}
