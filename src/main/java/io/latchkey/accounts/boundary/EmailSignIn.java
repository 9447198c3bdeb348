package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.EmailLoginRequest;
import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.Outbox;
import io.latchkey.throttling.Limits;
import io.latchkey.throttling.Throttle;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mailing sign-in codes (EMAIL_LOGIN_ENABLED): the request answers alike for every address, as a reset request does,
 * and only an account's owner gets a mail: a 6-digit code and a link, for 10 minutes, the newest only. Spending them
 * is authentication's.
 */
@Stateless
public class EmailSignIn {

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    ActionTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    MailTemplates templates;

    @Inject
    Throttle throttle;

    @Inject
    Limits limits;

    @Inject
    @ConfigProperty(name = "email.login.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "email.login.ttl", defaultValue = "PT10M")
    Duration lifetime;

    public boolean isEnabled() {
        return enabled;
    }

    /** Sign-in by emailed code is off unless the operator turns it on: then its endpoints are not found. */
    public void requireEnabled() {
        if (!enabled) {
            throw new Problem(ProblemType.NOT_FOUND, "Sign-in by emailed code is not enabled");
        }
    }

    /**
     * Takes the request; whether the address has an account is decided by {@link AddressRequestRelay}. Past the reset
     * limits for one address, requests are dropped silently, for every address alike.
     */
    public void request(EmailAddress email, String clientAddress) {
        requireEnabled();
        singleSignOn.refuseIfRequired(email.value());
        throttle.require("email-login-ip:" + clientAddress, limits.resetPerIp(),
                "Too many sign-in codes asked from your address; try again later");
        if (throttle.allows(Throttle.accountKey("email-login", email.value()), limits.resetPerEmail())) {
            em.persist(EmailLoginRequest.of(email.value(), clock.instant()));
        }
    }

    /** Mails the owner of an account a code and a link, the only ones that work ({@link AddressRequestRelay}). */
    public void sendCode(User user) {
        ActionToken.Issued issued = tokens.supersedeAndIssue(ActionToken.Kind.EMAIL_LOGIN, user.id(), lifetime, null);
        String code = issued.token().withCode();
        outbox.queue(templates.signInCode(People.recipient(user), code, issued.secret(), lifetime));
    }
}
