package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.Outbox;
import io.latchkey.mail.boundary.Recipient;
import io.latchkey.mail.boundary.SecurityNotices;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.telemetry.Audit;
import io.latchkey.throttling.Limit;
import io.latchkey.throttling.Throttle;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken;
import io.latchkey.tokens.entity.ActionToken.Kind;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import io.latchkey.web.Validation;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Changing an account's address. The new address must prove it receives mail before anything changes (login goes on
 * with the old one until then); the old address is then told, with a link that undoes the change for a week and
 * signs every session out, since whoever made it may hold them. An address that belongs to another account is
 * answered exactly like a free one, and its owner is told instead.
 */
@Stateless
public class EmailChange {

    static final String BAD_TOKEN = "The link is invalid, used or expired";
    static final String TAKEN_MEANWHILE = "This address now belongs to another account";

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    Validation validation;

    @Inject
    PasswordCheck passwordCheck;

    @Inject
    StepUp stepUp;

    @Inject
    ActionTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    SecurityNotices notices;

    @Inject
    MailTemplates templates;

    @Inject
    Throttle throttle;

    @Inject
    Audit audit;

    @Inject
    @ConfigProperty(name = "email.change.ttl", defaultValue = "PT24H")
    Duration lifetime;

    @Inject
    @ConfigProperty(name = "email.change.undo.ttl", defaultValue = "P7D")
    Duration undoLifetime;

    @Inject
    @ConfigProperty(name = "reset.token.ttl", defaultValue = "PT1H")
    Duration resetLifetime;

    @Inject
    Recovery recovery;

    /** Changes asked for per account and hour: each sends a mail to an address the requester chooses. */
    @Inject
    @ConfigProperty(name = "throttle.email-change.limit", defaultValue = "5")
    int perHour;

    /**
     * Sends the new address its link. The step-up comes first, then the password, checked as a login checks it. A
     * taken address gets a token too (so that {@code pending_email} shows it, as for any address) whose secret is
     * never sent: it can only expire. An address that another account left and may still take back (its undo link
     * lives) is taken too, and then no one is mailed.
     */
    public void request(UUID userId, Optional<Instant> authTime, EmailChangeRequest request, String clientAddress) {
        validation.check(request);
        User user = lock(userId);
        stepUp.require(People.owner(user), authTime, request.mfaCode());
        passwordCheck.require(user, request.currentPassword(), clientAddress, "current_password",
                "Current password is incorrect");
        EmailAddress address = EmailAddress.parse(request.email()).orElseThrow();
        Optional<User> owner = accounts.byEmail(address);
        if (owner.filter(holder -> holder.id().equals(userId)).isPresent()) {
            throw Problem.validation("email", "This is already your address");
        }
        throttle.require("email-change:" + userId, new Limit(perHour, Duration.ofHours(1)),
                "Too many address changes; try again later");
        ActionToken.Issued issued = tokens.supersedeAndIssue(Kind.CHANGE_EMAIL, userId, lifetime, address.value());
        user.awaitEmail(address, clock.instant().plus(lifetime));
        if (owner.isPresent()) {
            outbox.queue(templates.emailChangeToTakenAddress(People.recipient(owner.get())));
        } else if (!accounts.isReserved(address, userId)) {
            outbox.queue(templates.confirmEmailChange(
                    new Recipient(userId, user.name(), address.value(), user.language()), address.value(),
                    issued.secret(), lifetime));
        }
        audit.record(Audit.Event.EMAIL_CHANGE_REQUESTED, userId, null);
    }

    /**
     * The new address confirmed from its mailbox: it is the account's from now on, verified. Links mailed to the old
     * address (resets, sign-ins, verification) stop working; the old address gets the undo link.
     */
    public User confirm(String token) {
        ActionToken change = tokens.spend(Kind.CHANGE_EMAIL, token).orElseThrow(() -> Problem.badRequest(BAD_TOKEN));
        User user = lock(change.userId());
        EmailAddress address = EmailAddress.parse(change.payload()).orElseThrow(() -> Problem.badRequest(BAD_TOKEN));
        Recipient old = People.recipient(user);
        Instant now = clock.instant();
        moveTo(user, address, () -> user.changeEmail(address, now));
        endMailedLinks(user.id());
        String undo = tokens.issue(Kind.UNDO_EMAIL_CHANGE, user.id(), undoLifetime, old.email());
        notices.send(SecurityNotices.Kind.EMAIL, templates.emailChanged(old, address.value(), undo, undoLifetime));
        audit.record(Audit.Event.EMAIL_CHANGED, user.id(), null);
        return user;
    }

    /**
     * The old address takes its account back, as a recovery ({@link Recovery#afterUndo}): every session ends, a
     * pending change and the other undo links are dropped, and so is the password, which whoever made the change
     * knew: the restored address gets a link to set a new one.
     */
    public User undo(String token) {
        ActionToken undo = tokens.spend(Kind.UNDO_EMAIL_CHANGE, token).orElseThrow(() -> Problem.badRequest(BAD_TOKEN));
        User user = lock(undo.userId());
        EmailAddress address = EmailAddress.parse(undo.payload()).orElseThrow(() -> Problem.badRequest(BAD_TOKEN));
        moveTo(user, address, () -> user.restoreEmail(address, clock.instant()));
        endMailedLinks(user.id());
        recovery.afterUndo(user);
        String reset = tokens.supersedeAndIssue(Kind.RESET_PASSWORD, user.id(), resetLifetime);
        outbox.queue(templates.passwordReset(People.recipient(user), reset, resetLifetime));
        audit.record(Audit.Event.EMAIL_CHANGE_UNDONE, user.id(), null);
        return user;
    }

    /**
     * Moves the account to an address, unless another account has it (checked, and by the unique index) or keeps it
     * reserved with an undo link.
     */
    private void moveTo(User user, EmailAddress address, Runnable move) {
        Optional<User> holder = accounts.byEmail(address);
        if (holder.isPresent() && !holder.get().id().equals(user.id()) || accounts.isReserved(address, user.id())) {
            throw new Problem(ProblemType.CONFLICT, TAKEN_MEANWHILE);
        }
        move.run();
        try {
            em.flush();
        } catch (PersistenceException registeredMeanwhile) {
            throw new Problem(ProblemType.CONFLICT, TAKEN_MEANWHILE);
        }
    }

    private void endMailedLinks(UUID userId) {
        for (Kind kind : new Kind[] {Kind.RESET_PASSWORD, Kind.EMAIL_LOGIN, Kind.VERIFY_EMAIL}) {
            tokens.supersede(kind, userId);
        }
    }

    private User lock(UUID userId) {
        return Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> Problem.unauthorized("Unauthorized"));
    }
}
