package io.latchkey.accounts.boundary;

import io.latchkey.web.Validation;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.Outbox;
import io.latchkey.telemetry.Telemetry;
import io.latchkey.web.Problem;
import io.latchkey.throttling.Limits;
import io.latchkey.throttling.Throttle;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creating an account: every field checked at once, the password hashed, one account per address, and the
 * verification mail queued in the same transaction.
 */
@Stateless
public class Registration {

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    Clock clock;

    static final String EMAIL_TAKEN = "Email is already taken!";
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    Validation validation;

    @Inject
    PasswordHasher hasher;

    @Inject
    EmailVerification verification;

    @Inject
    Throttle throttle;

    @Inject
    Outbox outbox;

    @Inject
    MailTemplates templates;

    @Inject
    Telemetry telemetry;

    /** The contract's conceal-existing-accounts mode: a taken address is answered like a new one. */
    @Inject
    @ConfigProperty(name = "registration.conceal-existing", defaultValue = "false")
    boolean concealExisting;

    @Inject
    Limits limits;

    /**
     * The new account, or empty in the conceal-existing-accounts mode, where a new and a taken address get the same
     * answer: the new one its verification mail, the taken one's owner a notice.
     */
    public Optional<User> register(RegistrationRequest request, String clientAddress, String acceptLanguage) {
        throttle.require("register-ip:" + clientAddress, limits.registerPerIp(),
                "Too many registrations from your address; try again later");
        validation.check(request);
        singleSignOn.refuseIfRequired(request.email());
        String trimmedName = request.name().strip();
        EmailAddress address = EmailAddress.parse(request.email()).orElseThrow();
        String password = request.password();
        // Hashed before the address is looked up: a taken address costs the same time as a new one.
        String hash = hasher.hash(password);
        Optional<User> owner = accounts.byEmail(address);
        if (owner.isPresent() || accounts.isReserved(address, null)) {
            if (!concealExisting) {
                throw Problem.validation("email", EMAIL_TAKEN);
            }
            owner.ifPresent(holder -> outbox.queue(templates.accountExists(People.recipient(holder))));
            telemetry.registration();   // counted as a new one is: the counter must not tell them apart either
            return Optional.empty();
        }
        User user = User.register(trimmedName, address, hash, templates.language(acceptLanguage), clock.instant());
        em.persist(user);
        // Asked again once the row is in: an account leaving this address in a transaction that the insert waited
        // for (its unique index entry) has now committed the reservation this request could not yet see.
        boolean inserted = flushed();
        if (inserted && accounts.isReserved(address, user.id())) {
            em.remove(user);
            em.flush();
            inserted = false;
        }
        if (!inserted) {
            // The same address registered a moment ago by a concurrent request: one account, as for a taken one.
            if (!concealExisting) {
                throw Problem.validation("email", EMAIL_TAKEN);
            }
            telemetry.registration();
            return Optional.empty();
        }
        verification.send(user);
        telemetry.registration();
        return concealExisting ? Optional.empty() : Optional.of(user);
    }

    /**
     * An account for a person an identity provider vouched for: no password (they sign in through the provider, or
     * set one with a reset link), the address verified only when the provider said it verified it, else the usual
     * verification mail. Empty when the address has an account (or is reserved), as a registration would refuse it.
     */
    public Optional<User> federated(String name, EmailAddress address, boolean verified, String acceptLanguage) {
        if (accounts.byEmail(address).isPresent() || accounts.isReserved(address, null)) {
            return Optional.empty();
        }
        String usable = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (usable.isEmpty()) {
            usable = address.value().substring(0, address.value().indexOf('@'));
        }
        if (usable.codePointCount(0, usable.length()) > User.MAX_NAME_LENGTH) {
            usable = usable.substring(0, usable.offsetByCodePoints(0, User.MAX_NAME_LENGTH));
        }
        Instant now = clock.instant();
        User user = User.register(usable, address, null, templates.language(acceptLanguage), now);
        em.persist(user);
        if (!flushed()) {
            return Optional.empty();
        }
        if (verified) {
            user.verifyEmail(now);
        } else {
            verification.send(user);
        }
        telemetry.registration();
        return Optional.of(user);
    }

    /** Two registrations of one address racing past the check: the unique index lets one through, not both. */
    private boolean flushed() {
        try {
            em.flush();
            return true;
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return false;
                }
            }
            throw e;
        }
    }
}
