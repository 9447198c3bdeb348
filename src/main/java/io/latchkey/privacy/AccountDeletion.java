package io.latchkey.privacy;

import io.latchkey.accounts.boundary.People;
import io.latchkey.accounts.boundary.PasswordCheck;
import io.latchkey.accounts.entity.User;
import io.latchkey.mail.boundary.MailTemplates;
import io.latchkey.mail.boundary.Outbox;
import io.latchkey.mail.entity.OutboxMail;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.mfa.boundary.StepUp;
import io.latchkey.telemetry.Audit;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Deleting an account at its owner's request (GDPR Art. 17), in one transaction: its sessions, credentials, factors,
 * passkeys, tokens, requests and mails go; its audit events stay, under its id, without the addresses and devices
 * they came from; a last notice goes to the address, which is then free for a new registration.
 */
@Stateless
public class AccountDeletion {

    /**
     * What goes with the account beyond the rows its foreign keys delete (sessions with their refresh-token state,
     * tokens, factors, recovery codes, passkeys, sign-in origins).
     */
    private static final String[] FORGET = {
        "delete from passkey_challenges where user_id = ?1",
        "delete from password_reset_requests where lower(email) = ?2",
        "delete from email_login_requests where lower(email) = ?2",
    };

    @PersistenceContext
    EntityManager em;

    @Inject
    StepUp stepUp;

    @Inject
    SecondFactor secondFactor;

    @Inject
    PasswordCheck passwordCheck;

    @Inject
    Audit audit;

    @Inject
    Outbox outbox;

    @Inject
    MailTemplates templates;

    /**
     * The step-up rule first (a recent sign-in, or the code sent along), then the proof: the password, checked as a
     * login checks it, or a code from the account's second factor; an account with neither password nor app, the recent sign-in alone.
     */
    public void delete(UUID userId, Optional<Instant> authTime, DeletionRequest request, String clientAddress) {
        User user = Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> Problem.unauthorized("Unauthorized"));
        boolean byPassword = !request.password().isEmpty();
        boolean byCode = !request.mfaCode().isEmpty();
        if (!byPassword && !byCode) {
            if (!user.hasPassword() && !secondFactor.status(userId).enabled()) {
                // Nothing to type (an account of an identity provider's, perhaps with a passkey): a recent sign-in
                // is the proof.
                stepUp.require(People.owner(user), authTime, null);
                forget(user);
                return;
            }
            throw Problem.validation("password", "Password is required to delete the account");
        }
        if (byPassword) {
            stepUp.require(People.owner(user), authTime, request.mfaCode());
            passwordCheck.require(user, request.password(), clientAddress, "password", "Password is incorrect");
        } else if (secondFactor.methods(userId).isEmpty()
                || secondFactor.verify(People.owner(user), request.mfaCode()) == SecondFactor.Check.WRONG) {
            throw new Problem(ProblemType.STEP_UP_REQUIRED, "The code is not valid");
        }
        forget(user);
    }

    /** An admin's deletion: as the owner's, without the owner's proof (the admin's rules were checked). */
    public void erase(UUID userId) {
        forget(Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such user")));
    }

    private void forget(User user) {
        String id = user.id().toString();
        String address = user.email().toLowerCase(Locale.ROOT);
        for (String statement : FORGET) {
            var query = em.createNativeQuery(statement).setParameter(1, id);
            if (statement.contains("?2")) {
                query.setParameter(2, address);
            }
            query.executeUpdate();
        }
        em.createNamedQuery(OutboxMail.FORGET_USER).setParameter("user", id).setParameter("address", address)
                .executeUpdate();
        audit.forgetOrigins(user.id());
        audit.recordWithoutOrigin(Audit.Event.ACCOUNT_DELETED, user.id());
        outbox.queue(templates.accountDeleted(People.recipient(user)));
        em.remove(user);
        em.flush();
    }
}
