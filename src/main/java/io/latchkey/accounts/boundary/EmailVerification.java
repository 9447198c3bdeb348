package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.Outbox;
import io.latchkey.telemetry.Audit;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Proving that an account's owner receives mail at its address. */
@Stateless
public class EmailVerification {

    @Inject
    Clock clock;

    static final String BAD_TOKEN = "The verification link is invalid or has expired";

    /** What a resend request came to. */
    public enum Resend { SENT, ALREADY_VERIFIED }

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
    Audit audit;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    Recovery recovery;

    @Inject
    @ConfigProperty(name = "verification.token.ttl", defaultValue = "PT24H")
    Duration lifetime;

    @Inject
    @ConfigProperty(name = "verification.resend.interval", defaultValue = "PT1M")
    Duration resendInterval;

    /** Queues the verification mail, in the transaction that created or changed the account. */
    public void send(User user) {
        String token = tokens.issue(ActionToken.Kind.VERIFY_EMAIL, user.id(), lifetime);
        outbox.queue(templates.verifyEmail(People.recipient(user), token, lifetime));
    }

    /**
     * Verifies the token's account; a token already used succeeds again while it lives, harmlessly. The user row is
     * locked first, so of concurrent verifications exactly one verifies. Verifying ends every session that existed
     * before: someone who registered the address before its owner (pre-account takeover) is signed out.
     */
    public User verify(String token) {
        ActionToken verification = tokens.redeemable(ActionToken.Kind.VERIFY_EMAIL, token)
                .orElseThrow(() -> Problem.badRequest(BAD_TOKEN));
        User user = em.find(User.class, verification.userId(), LockModeType.PESSIMISTIC_WRITE);
        if (!user.isEmailVerified()) {
            user.verifyEmail(clock.instant());
            credentialsChanged.fire(CredentialsChanged.endingEverySession(user));
            audit.record(Audit.Event.EMAIL_VERIFIED, user.id(), null);
        }
        return user;
    }

    /**
     * The account's owner proved they receive mail at its address another way (a sign-in code mailed there): as a
     * verification link would, the first proof ends the sessions that existed before; and since this sign-in did not
     * use what the registrant set up, that goes too ({@link Recovery#afterFirstVerificationByMail}): whoever
     * registered the address before its owner keeps no password, app or passkey. The user row must be locked.
     */
    public void verifiedByMail(User user) {
        if (!user.isEmailVerified()) {
            recovery.afterFirstVerificationByMail(user);
            user.verifyEmail(clock.instant());
            credentialsChanged.fire(CredentialsChanged.endingEverySession(user));
            audit.record(Audit.Event.EMAIL_VERIFIED, user.id(), null);
        }
    }

    /**
     * Sends a new link, at most once per interval: the user row is locked, so concurrent requests on any instance
     * see each other's token.
     */
    public Resend resend(UUID userId, String clientAddress) {
        throttle.require("resend-ip:" + clientAddress, limits.resendPerIp(),
                "Too many verification requests from your address; try again later");
        User user = Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> Problem.unauthorized("Unauthorized"));
        if (user.isEmailVerified()) {
            return Resend.ALREADY_VERIFIED;
        }
        Optional<Instant> last = tokens.lastIssued(ActionToken.Kind.VERIFY_EMAIL, userId);
        Instant nextAllowed = last.map(at -> at.plus(resendInterval)).orElse(Instant.MIN);
        Instant now = clock.instant();
        if (now.isBefore(nextAllowed)) {
            throw Problem.tooManyRequests("A verification email was sent recently; try again later",
                    Duration.between(now, nextAllowed));
        }
        send(user);
        return Resend.SENT;
    }
}
