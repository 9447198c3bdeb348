package io.latchkey.mfa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's passkey: the credential an authenticator made for this service, as the WebAuthn library needs it to check
 * assertions, and the sign count. An authenticator that counts never goes back: a count that does is a copy of the
 * key (a cloned authenticator), and the passkey is refused.
 */
@Entity
@Table(name = "passkeys")
@NamedQuery(name = Passkey.BY_CREDENTIAL, query = "select p from Passkey p where p.credentialId = :id")
@NamedQuery(name = Passkey.OF_USER, query = "select p from Passkey p where p.userId = :user order by p.createdAt")
@NamedQuery(name = Passkey.COUNT_OF_USER, query = "select count(p) from Passkey p where p.userId = :user")
public class Passkey {

    public static final String BY_CREDENTIAL = "Passkey.byCredential";
    public static final String OF_USER = "Passkey.ofUser";
    public static final String COUNT_OF_USER = "Passkey.countOfUser";
    public static final int MAX_NAME = 100;

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    /** The credential id, base64url as in every WebAuthn JSON message. */
    @Column(name = "credential_id")
    private String credentialId;

    /** The attested credential data (AAGUID, credential id, COSE public key), Base64 of its bytes. */
    @Column(name = "credential_data")
    private String credentialData;

    @Column(name = "sign_count")
    private long signCount;

    /** Comma-separated, as the browser reported them (usb, nfc, ble, internal, hybrid). */
    private String transports;

    @Column(name = "backup_eligible")
    private boolean backupEligible;

    @Column(name = "backed_up")
    private boolean backedUp;

    @Column(name = "user_verified")
    private boolean userVerified;

    private String name;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected Passkey() {
    }

    public static Passkey register(UUID userId, String credentialId, String credentialData, long signCount,
                                   String transports, boolean backupEligible, boolean backedUp, boolean userVerified,
                                   String name, Instant now) {
        Passkey passkey = new Passkey();
        passkey.id = UUID.randomUUID();
        passkey.userId = userId;
        passkey.credentialId = credentialId;
        passkey.credentialData = credentialData;
        passkey.signCount = signCount;
        passkey.transports = transports;
        passkey.backupEligible = backupEligible;
        passkey.backedUp = backedUp;
        passkey.userVerified = userVerified;
        passkey.name = name;
        passkey.createdAt = now;
        return passkey;
    }

    /**
     * Whether a sign count presented now is possible for this passkey: authenticators that do not count send 0
     * every time; one that counts must count up.
     */
    public boolean acceptsCount(long presented) {
        return (presented == 0 && signCount == 0) || presented > signCount;
    }

    /** An assertion was verified: the count moves on, and the backup state is what the authenticator says now. */
    public void used(long presentedCount, boolean nowBackedUp, Instant now) {
        signCount = Math.max(signCount, presentedCount);
        backedUp = nowBackedUp;
        lastUsedAt = now;
    }

    public void rename(String newName) {
        name = newName;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String credentialId() {
        return credentialId;
    }

    public String credentialData() {
        return credentialData;
    }

    public long signCount() {
        return signCount;
    }

    public String transports() {
        return transports;
    }

    public boolean backupEligible() {
        return backupEligible;
    }

    public boolean backedUp() {
        return backedUp;
    }

    public boolean userVerified() {
        return userVerified;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
