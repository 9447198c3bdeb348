package io.latchkey.mfa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's authenticator app: the secret, sealed, and the step of the last code accepted. Until confirmed with a
 * code it is an enrolment in progress, which expires and protects nothing.
 */
@Entity
@Table(name = "totp_factors")
@NamedQuery(name = TotpFactor.PRUNE, query = "delete from TotpFactor f where f.confirmedAt is null"
        + " and f.createdAt < :startedBefore")
public class TotpFactor {

    /** Enrolments never confirmed that began before {@code :startedBefore}. */
    public static final String PRUNE = "TotpFactor.prune";

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "sealed_secret")
    private String sealedSecret;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "last_used_step")
    private long lastUsedStep = -1;

    protected TotpFactor() {
    }

    public static TotpFactor enrol(UUID userId, String sealedSecret, Instant now) {
        TotpFactor factor = new TotpFactor();
        factor.userId = userId;
        factor.sealedSecret = sealedSecret;
        factor.createdAt = now;
        return factor;
    }

    /** A new secret for an enrolment not yet confirmed (starting again replaces the unconfirmed one). */
    public void restart(String sealedSecret, Instant now) {
        if (isConfirmed()) {
            throw new IllegalStateException("A confirmed factor is not enrolled again");
        }
        this.sealedSecret = sealedSecret;
        this.createdAt = now;
        this.lastUsedStep = -1;
    }

    public boolean isConfirmed() {
        return confirmedAt != null;
    }

    /** An enrolment that may still be confirmed. */
    public boolean isPending(Instant now, Duration enrolmentLifetime) {
        return !isConfirmed() && now.isBefore(createdAt.plus(enrolmentLifetime));
    }

    public void confirm(Instant now, long step) {
        confirmedAt = now;
        accept(step);
    }

    /** The code of this step was accepted: it and every earlier one are spent. */
    public void accept(long step) {
        lastUsedStep = Math.max(lastUsedStep, step);
    }

    public UUID userId() {
        return userId;
    }

    public String sealedSecret() {
        return sealedSecret;
    }

    public long lastUsedStep() {
        return lastUsedStep;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }
}
