package io.latchkey.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An account. Its password hash never leaves the server: responses are built from {@code UserView}, never from
 * this entity.
 */
@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_EMAIL, query = "select u from User u where lower(u.email) = :key")
@NamedQuery(name = User.UPGRADE_HASH, query = "update User u set u.passwordHash = :upgraded, u.updatedAt = :now"
        + " where u.id = :id and u.passwordHash = :verified")
public class User {

    public static final String BY_EMAIL = "User.byEmail";
    /** Re-hashes the password just verified, unless it changed meanwhile (a reset must never be undone). */
    public static final String UPGRADE_HASH = "User.upgradeHash";
    public static final int MAX_NAME_LENGTH = 100;

    @Id
    private UUID id;

    private String name;

    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    /** Moves on with every credential change; sessions signed in under an older one are over. */
    @Column(name = "credential_version")
    private long credentialVersion;

    /** The language of the account's mails. */
    private String locale;

    /** An address change waiting for its confirmation, and until when its link lives. */
    @Column(name = "pending_email")
    private String pendingEmail;

    @Column(name = "pending_email_until")
    private Instant pendingEmailUntil;

    /** Whether the owner is told of sign-ins from new devices and addresses. */
    @Column(name = "new_device_notice")
    private boolean newDeviceNotice;

    /** Granted by an admin or the command line; null for everyone else (ADMIN_EMAILS needs no row). */
    @Column(name = "admin_since")
    private Instant adminSince;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "disabled_reason")
    private String disabledReason;

    /** Null: until an admin enables the account. */
    @Column(name = "disabled_until")
    private Instant disabledUntil;

    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;

    protected User() {
    }

    public static User register(String name, EmailAddress email, String passwordHash, Instant now) {
        return register(name, email, passwordHash, "en", now);
    }

    public static User register(String name, EmailAddress email, String passwordHash, String language, Instant now) {
        User user = new User();
        user.locale = language;
        user.newDeviceNotice = true;
        user.id = UUID.randomUUID();
        user.name = name;
        user.email = email.value();
        user.passwordHash = passwordHash;
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    /** A new password: every session signed in with the old one is over. */
    public void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.updatedAt = now;
        this.credentialVersion++;
    }

    /**
     * No password any more: none signs in, until the owner sets one through a reset link. For a recovery, when the
     * password may be known to whoever took the account over; every session signed in with it is over.
     */
    public void forgetPassword(Instant now) {
        this.passwordHash = null;
        this.updatedAt = now;
        this.credentialVersion++;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /**
     * Idempotent: verifying again keeps the first instant. The first verification ends the sessions that existed
     * before it: whoever registered the address first (an attacker, before its owner) is signed out.
     */
    public void verifyEmail(Instant now) {
        if (emailVerifiedAt == null) {
            emailVerifiedAt = now;
            updatedAt = now;
            credentialVersion++;
        }
    }

    /**
     * The address whose mailbox just proved it is the owner's: it is verified by that. Sessions live on (the owner
     * asked for it, after a step-up and with the password); the old address can undo it.
     */
    public void changeEmail(EmailAddress address, Instant now) {
        dropPendingEmail();
        email = address.value();
        emailVerifiedAt = now;
        updatedAt = now;
    }

    /**
     * The change undone from the old mailbox: whoever made it may hold every session, so every session ends. The
     * old address had been proven before the change.
     */
    public void restoreEmail(EmailAddress address, Instant now) {
        dropPendingEmail();
        email = address.value();
        emailVerifiedAt = now;
        updatedAt = now;
        credentialVersion++;
    }

    /** A change to this address was asked for; a newer one replaces it. */
    public void awaitEmail(EmailAddress address, Instant until) {
        pendingEmail = address.value();
        pendingEmailUntil = until;
    }

    /** A pending change dropped: its link is void, and nothing shows it any more. */
    public void dropPendingEmail() {
        pendingEmail = null;
        pendingEmailUntil = null;
    }

    /** The address waiting for its confirmation, if its link still lives. */
    public java.util.Optional<String> pendingEmail(Instant now) {
        return pendingEmailUntil != null && now.isBefore(pendingEmailUntil)
                ? java.util.Optional.of(pendingEmail) : java.util.Optional.empty();
    }

    public void rename(String newName, Instant now) {
        name = newName.strip();
        updatedAt = now;
    }

    public void chooseLanguage(String language, Instant now) {
        locale = language;
        updatedAt = now;
    }

    public void newDeviceNotice(boolean wanted, Instant now) {
        newDeviceNotice = wanted;
        updatedAt = now;
    }

    public boolean wantsNewDeviceNotice() {
        return newDeviceNotice;
    }

    public String language() {
        return locale;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }



    /** Signed in (by any way): kept for the operator's "when did this person last sign in?". */
    public void signedIn(Instant now) {
        lastSignInAt = now;
    }

    public java.util.Optional<Instant> lastSignInAt() {
        return java.util.Optional.ofNullable(lastSignInAt);
    }

    /**
     * Disabled by an admin, for good or until a time: no way of signing in lets the user in meanwhile, and every
     * session signed in before is over at once (the credentials it was signed in with are not the account's any
     * more), on every instance. Disabling a disabled account changes its reason and end.
     */
    public void disable(String reason, Instant until, Instant now) {
        if (disabledAt == null || !isDisabled(now)) {
            disabledAt = now;
        }
        disabledReason = reason;
        disabledUntil = until;
        updatedAt = now;
        credentialVersion++;
    }

    /** Enabled again: the user signs in as before; the sessions that ended stay ended. */
    public void enable(Instant now) {
        disabledAt = null;
        disabledReason = null;
        disabledUntil = null;
        updatedAt = now;
    }

    /** Disabled, and not past the end the admin gave. */
    public boolean isDisabled(Instant now) {
        return disabledAt != null && (disabledUntil == null || now.isBefore(disabledUntil));
    }

    public java.util.Optional<Disabled> disabled(Instant now) {
        return isDisabled(now) ? java.util.Optional.of(new Disabled(disabledAt, disabledReason, disabledUntil))
                : java.util.Optional.empty();
    }

    /** Why and until when an account is disabled; the reason and the end may be null. */
    public record Disabled(Instant at, String reason, Instant until) {
    }

    public void grantAdmin(Instant now) {
        if (adminSince == null) {
            adminSince = now;
            updatedAt = now;
        }
    }

    public void revokeAdmin(Instant now) {
        adminSince = null;
        updatedAt = now;
    }

    /** An admin by grant (see {@code Admins} for the addresses of ADMIN_EMAILS). */
    public boolean isGrantedAdmin() {
        return adminSince != null;
    }

    public long credentialVersion() {
        return credentialVersion;
    }

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant emailVerifiedAt() {
        return emailVerifiedAt;
    }
}
