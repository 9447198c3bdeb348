package io.latchkey.mfa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One recovery code of a user, as its hash; it signs in once, in place of an authenticator code. */
@Entity
@Table(name = "recovery_codes")
@IdClass(RecoveryCode.Key.class)
@NamedQuery(name = RecoveryCode.UNUSED_COUNT, query = "select count(c) from RecoveryCode c where c.userId = :user"
        + " and c.usedAt is null")
@NamedQuery(name = RecoveryCode.DELETE_ALL, query = "delete from RecoveryCode c where c.userId = :user")
public class RecoveryCode {

    public static final String UNUSED_COUNT = "RecoveryCode.unusedCount";
    public static final String DELETE_ALL = "RecoveryCode.deleteAll";

    /** The composite primary key: the user and the code's hash (a class, as JPA sets its fields). */
    public static class Key implements Serializable {
        private UUID userId;
        private String codeHash;

        public Key() {
        }

        public Key(UUID userId, String codeHash) {
            this.userId = userId;
            this.codeHash = codeHash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(userId, key.userId) && Objects.equals(codeHash, key.codeHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, codeHash);
        }
    }

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RecoveryCode() {
    }

    public static RecoveryCode of(UUID userId, String codeHash, Instant now) {
        RecoveryCode code = new RecoveryCode();
        code.userId = userId;
        code.codeHash = codeHash;
        code.createdAt = now;
        return code;
    }

    public boolean isUnused() {
        return usedAt == null;
    }

    public void use(Instant now) {
        usedAt = now;
    }
}
