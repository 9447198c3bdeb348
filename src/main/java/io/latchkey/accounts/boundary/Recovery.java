package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.tokens.boundary.ActionTokens;
import io.latchkey.tokens.entity.ActionToken.Kind;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
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

/**
 * Recovery wins (docs/SECURITY.md, "Recovery"): after the owner recovers the account, nothing that someone who got in
 * before could hold lets them back in or locks the owner out. Each recovery calls one method here, in its own
 * transaction, beside ending the sessions it ends (through {@link CredentialsChanged}, or the caller's own call).
 * <ul>
 * <li>Every recovery drops a pending change of address: its link, mailed to an address the intruder chose, is void.
 * <li>A password reset (the mailbox proved) and an undone address change also remove the authenticator app, the
 * passkeys and the identity providers' accounts linked within {@code RECOVERY_FACTOR_WINDOW} before it: the intruder's, most likely, and whoever kept an
 * older one was told of it when it was added and sees it on the account page.
 * <li>An undone address change also voids every other undo link (one of them may lead to the intruder's address)
 * and the password (the intruder needed it for the change): the restored address is mailed a reset link.
 * <li>The first verification of an address by an emailed sign-in removes whatever the registrant set up before
 * (password, app, passkeys, linked providers): the registrant may have been someone else (pre-account takeover).
 * </ul>
 * Undo links survive a reset or "end other sessions": they lead back to an address the account had before, and
 * voiding them would let an intruder who moved the account to their own address cut the owner's way back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Recovery {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    @Inject
    ActionTokens tokens;

    @Inject
    SecondFactor secondFactor;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    @Inject
    Event<WaysInVoided> waysInVoided;

    @Inject
    @ConfigProperty(name = "recovery.factor.window", defaultValue = "P7D")
    Duration factorWindow;

    /** A password reset: every session ends (the caller's event), and what the intruder may have added goes. */
    public void afterReset(User user) {
        dropPendingChange(user);
        removeAddedSince(user, clock.instant().minus(factorWindow));
    }

    /**
     * An address change undone from the old mailbox: the other undo links, the password and the credentials added
     * lately go, and every session ends.
     */
    public void afterUndo(User user) {
        dropPendingChange(user);
        tokens.supersede(Kind.UNDO_EMAIL_CHANGE, user.id());
        user.forgetPassword(clock.instant());
        removeAddedSince(user, clock.instant().minus(factorWindow));
        credentialsChanged.fire(CredentialsChanged.endingEverySession(user));
    }

    /** A password change, or "end other sessions": the pending change of address goes with the other sessions. */
    public void afterEndingOtherSessions(UUID userId) {
        Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE)).ifPresent(this::dropPendingChange);
    }

    /**
     * The address of an account verified for the first time by an emailed sign-in: the mailbox's owner takes it over,
     * and whatever the registrant set up is removed; every session ends (the verification's event).
     */
    public void afterFirstVerificationByMail(User user) {
        user.forgetPassword(clock.instant());
        removeAddedSince(user, Instant.EPOCH);
        dropPendingChange(user);
    }

    /** The app and passkeys (here), and the linked identity providers' accounts (their capability's observer). */
    private void removeAddedSince(User user, Instant since) {
        secondFactor.removeAddedSince(People.owner(user), since);
        waysInVoided.fire(new WaysInVoided(user, since));
    }

    private void dropPendingChange(User user) {
        tokens.supersede(Kind.CHANGE_EMAIL, user.id());
        user.dropPendingEmail();
    }
}
