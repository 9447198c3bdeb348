package io.latchkey.accounts.boundary;

import io.latchkey.web.Validation;
import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.Outbox;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.telemetry.Audit;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.accounts.entity.ResetRequest;
import io.latchkey.web.Problem;
import io.latchkey.throttling.Limits;
import io.latchkey.throttling.Throttle;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Forgotten passwords (OWASP Forgot Password cheat sheet): the request answers alike for every address, only an
 * account's owner gets a link, the link works once and only the newest one works, and using it ends every session.
 * A reset is a recovery ({@link Recovery#afterReset}).
 */
@Stateless
public class PasswordReset {

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    Clock clock;

    static final String BAD_TOKEN = "The reset link is invalid, used or expired";

    @PersistenceContext
    EntityManager em;

    @Inject
    ActionTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    MailTemplates templates;

    @Inject
    SecurityNotices notices;

    @Inject
    Validation validation;

    @Inject
    PasswordHasher hasher;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    Throttle throttle;

    @Inject
    Limits limits;

    @Inject
    Audit audit;

    @Inject
    Recovery recovery;

    @Inject
    @ConfigProperty(name = "reset.token.ttl", defaultValue = "PT1H")
    Duration lifetime;

    /**
     * Takes the request; whether the address has an account is decided later, by {@link AddressRequestRelay}. Past a
     * few requests an hour for one address, requests are dropped silently, for every address alike.
     */
    public void request(EmailAddress email, String clientAddress) {
        singleSignOn.refuseIfRequired(email.value());
        throttle.require("reset-ip:" + clientAddress, limits.resetPerIp(),
                "Too many reset requests from your address; try again later");
        if (throttle.allows(Throttle.accountKey("reset-email", email.value()), limits.resetPerEmail())) {
            em.persist(ResetRequest.of(email.value(), clock.instant()));
        }
    }

    /** Mails the owner of an account a reset link, the only one that works ({@link AddressRequestRelay}). */
    public void sendLink(User user) {
        String token = tokens.supersedeAndIssue(ActionToken.Kind.RESET_PASSWORD, user.id(), lifetime);
        outbox.queue(templates.passwordReset(People.recipient(user), token, lifetime));
    }

    /**
     * Sets the new password with a valid link, ends every session of the account, and tells its owner. The link is
     * spent under its row lock before anything else happens: of concurrent uses, exactly one succeeds.
     */
    public void update(NewPasswordRequest request) {
        tokens.redeemable(ActionToken.Kind.RESET_PASSWORD, request.token()).orElseThrow(() -> Problem.badRequest(BAD_TOKEN));
        validation.check(request);
        String password = request.password();
        ActionToken reset = tokens.spend(ActionToken.Kind.RESET_PASSWORD, request.token())
                .orElseThrow(() -> Problem.badRequest(BAD_TOKEN));
        Instant now = clock.instant();
        User user = em.find(User.class, reset.userId(), LockModeType.PESSIMISTIC_WRITE);
        singleSignOn.refuseIfRequired(user.email());   // a link mailed before its domain moved to a provider
        user.changePassword(hasher.hash(password), now);
        tokens.supersede(ActionToken.Kind.RESET_PASSWORD, user.id());
        recovery.afterReset(user);
        credentialsChanged.fire(CredentialsChanged.endingEverySession(user));
        audit.record(Audit.Event.PASSWORD_RESET, user.id(), null);
        notices.send(SecurityNotices.Kind.PASSWORD, templates.passwordChanged(People.recipient(user)));
    }
}
