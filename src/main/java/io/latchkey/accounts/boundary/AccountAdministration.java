package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.User;
import io.latchkey.mfa.boundary.Passkeys;
import io.latchkey.mfa.boundary.SecondFactor;
import io.latchkey.web.Problem;
import io.latchkey.web.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an admin may do to an account, by its id, each under the account's row lock: the rules of the account stay
 * here, the admin's rules (who may act, on whom, the audit) in {@code administration}. An account that does not
 * exist is 404; an action the account's state does not allow is 409.
 */
@Stateless
public class AccountAdministration {

    /** Serialises the changes that could leave no admin: two admins revoking each other at once. */
    private static final long ADMINS_LOCK = 0x4c4b41444d494e53L;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Admins admins;

    @Inject
    EmailVerification verification;

    @Inject
    PasswordReset reset;

    @Inject
    SecondFactor secondFactor;

    @Inject
    Passkeys passkeys;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    /** An account as an admin sees it: no hash, secret, code or token. */
    public record Account(UUID id, String name, String email, Instant emailVerifiedAt, Instant createdAt,
                          Instant lastSignInAt, Instant disabledAt, String disabledReason, Instant disabledUntil,
                          boolean admin, boolean adminByConfiguration, boolean hasPassword) {

        public boolean isDisabled() {
            return disabledAt != null;
        }
    }

    public Optional<Account> find(UUID id) {
        return Optional.ofNullable(em.find(User.class, id)).map(this::account);
    }

    /** Disabled for good or until a time: every session ends at once, on every instance. */
    public Account disable(UUID id, String reason, Instant until) {
        User user = locked(id);
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            throw Problem.validation("until", "Must be in the future");
        }
        if (admins.isAdmin(user)) {
            requireAnotherAdmin(user, "disabled");
        }
        user.disable(reason, until, now);
        credentialsChanged.fire(CredentialsChanged.endingEverySession(user));
        return account(user);
    }

    public Account enable(UUID id) {
        User user = locked(id);
        if (!user.isDisabled(clock.instant())) {
            throw new Problem(ProblemType.CONFLICT, "This account is not disabled");
        }
        user.enable(clock.instant());
        return account(user);
    }

    /** A new verification link to the account's address; the account signs in as before. */
    public Account resendVerification(UUID id) {
        User user = locked(id);
        if (user.isEmailVerified()) {
            throw new Problem(ProblemType.CONFLICT, "This address is verified already");
        }
        verification.send(user);
        return account(user);
    }

    /**
     * Verified on the admin's word (they checked the mailbox is the user's another way). As a first verification by
     * link does, it ends the sessions signed in before.
     */
    public Account verify(UUID id) {
        User user = locked(id);
        if (user.isEmailVerified()) {
            throw new Problem(ProblemType.CONFLICT, "This address is verified already");
        }
        user.verifyEmail(clock.instant());
        credentialsChanged.fire(CredentialsChanged.endingEverySession(user));
        return account(user);
    }

    /** Mails the owner a reset link; the admin never sets nor sees a password. */
    public Account sendResetLink(UUID id) {
        User user = locked(id);
        reset.sendLink(user);
        return account(user);
    }

    /**
     * The app, its recovery codes and every passkey go (the owner is mailed a notice of each), and every session ends:
     * the owner signs in with the password, or resets it.
     */
    public Account removeSecondFactors(UUID id) {
        User user = locked(id);
        if (secondFactor.methods(id).isEmpty() && !passkeys.any(id)) {
            throw new Problem(ProblemType.CONFLICT, "This account has no authenticator app or passkey");
        }
        secondFactor.removeAddedSince(People.owner(user), Instant.EPOCH);
        credentialsChanged.fire(CredentialsChanged.endingEverySession(user));
        return account(user);
    }

    /** Admin from now on; only a verified address can be one. The account's next token carries the group. */
    public Account grantAdmin(UUID id) {
        User user = locked(id);
        if (!user.isEmailVerified()) {
            throw new Problem(ProblemType.CONFLICT, "Only an account with a verified address can be an admin");
        }
        if (admins.isAdmin(user)) {
            throw new Problem(ProblemType.CONFLICT, "This account is an admin already");
        }
        user.grantAdmin(clock.instant());
        return account(user);
    }

    /** No admin any more, at once: every admin call checks the account, not only the token's group. */
    public Account revokeAdmin(UUID id) {
        User user = locked(id);
        if (admins.byConfiguration(user) && user.isEmailVerified()) {
            throw new Problem(ProblemType.CONFLICT, "This admin is named in ADMIN_EMAILS; remove the address there");
        }
        if (!user.isGrantedAdmin()) {
            throw new Problem(ProblemType.CONFLICT, "This account is not an admin");
        }
        requireAnotherAdmin(user, "revoked");
        user.revokeAdmin(clock.instant());
        return account(user);
    }

    /** Before an admin deletes the account: not the last admin (the deletion then takes the lock taken here). */
    public void requireNotLastAdmin(UUID id) {
        User user = locked(id);
        if (admins.isAdmin(user) && !user.isDisabled(clock.instant())) {
            requireAnotherAdmin(user, "deleted");
        }
    }

    /** Whether the account is an admin now, for the admin API's own check on every call. */
    public boolean isAdmin(UUID id) {
        return Optional.ofNullable(em.find(User.class, id)).filter(user -> !user.isDisabled(clock.instant()))
                .map(admins::isAdmin).orElse(false);
    }

    private void requireAnotherAdmin(User user, String what) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, ADMINS_LOCK).getSingleResult();
        Instant now = clock.instant();
        List<User> granted = em.createQuery("select u from User u where u.adminSince is not null and u.id <> :id",
                User.class).setParameter("id", user.id()).getResultList();
        boolean another = granted.stream().anyMatch(admin -> !admin.isDisabled(now))
                || admins.addresses().stream().map(address -> em.createNamedQuery(User.BY_EMAIL, User.class)
                        .setParameter("key", address).getResultStream().findFirst())
                .flatMap(Optional::stream)
                .anyMatch(admin -> !admin.id().equals(user.id()) && admins.isAdmin(admin) && !admin.isDisabled(now));
        if (!another) {
            throw new Problem(ProblemType.CONFLICT, "This is the last admin; it cannot be " + what);
        }
    }

    private User locked(UUID id) {
        return Optional.ofNullable(em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such user"));
    }

    private Account account(User user) {
        Optional<User.Disabled> disabled = user.disabled(clock.instant());
        return new Account(user.id(), user.name(), user.email(), user.emailVerifiedAt(), user.createdAt(),
                user.lastSignInAt().orElse(null), disabled.map(User.Disabled::at).orElse(null),
                disabled.map(User.Disabled::reason).orElse(null), disabled.map(User.Disabled::until).orElse(null),
                admins.isAdmin(user), admins.byConfiguration(user) && user.isEmailVerified(), user.hasPassword());
    }
}
