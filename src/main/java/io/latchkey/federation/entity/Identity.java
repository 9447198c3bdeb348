package io.latchkey.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An account at an identity provider, linked to a Latchkey account: the provider's subject is what identifies it
 * (the address it had is kept only to show the owner which one it is).
 */
@Entity
@Table(name = "identities")
@NamedQuery(name = Identity.BY_SUBJECT, query = "select i from Identity i where i.provider = :provider"
        + " and i.subject = :subject")
@NamedQuery(name = Identity.OF_USER, query = "select i from Identity i where i.userId = :userId"
        + " order by i.linkedAt, i.id")
@NamedQuery(name = Identity.LINKED_SINCE, query = "select i from Identity i where i.userId = :userId"
        + " and i.linkedAt >= :since")
public class Identity {

    public static final String BY_SUBJECT = "Identity.bySubject";
    public static final String OF_USER = "Identity.ofUser";
    public static final String LINKED_SINCE = "Identity.linkedSince";
    /** The longest subject stored; a provider's longer one is refused (OpenID Connect allows 255 ASCII characters). */
    public static final int MAX_SUBJECT = 255;

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    private String provider;

    private String subject;

    private String email;

    @Column(name = "linked_at")
    private Instant linkedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected Identity() {
    }

    public static Identity link(UUID userId, String provider, String subject, String email, Instant now) {
        Identity identity = new Identity();
        identity.id = UUID.randomUUID();
        identity.userId = userId;
        identity.provider = provider;
        identity.subject = subject;
        identity.email = email;
        identity.linkedAt = now;
        return identity;
    }

    /** Signed in with it: when, and the address the provider has for it now. */
    public void used(String currentEmail, Instant now) {
        lastUsedAt = now;
        if (currentEmail != null) {
            email = currentEmail;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String provider() {
        return provider;
    }

    public String subject() {
        return subject;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Instant linkedAt() {
        return linkedAt;
    }

    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }
}
