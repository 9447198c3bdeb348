package io.latchkey.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A mail waiting to be sent, sent, or given up on. Written in the transaction of the change that causes it; the
 * relay tries it until it is delivered or has failed {@link RetryPolicy#maxAttempts()} times.
 */
@Entity
@Table(name = "outbox_mails")
@NamedQuery(name = OutboxMail.PRUNE, query = "delete from OutboxMail m where m.sentAt < :sentBefore"
        + " or m.failedAt < :failedBefore")
@NamedQuery(name = OutboxMail.OF_USER, query = "select m from OutboxMail m where m.userId = :user order by m.createdAt")
@NamedQuery(name = OutboxMail.FORGET_USER, query = "delete from OutboxMail m where m.userId = :user"
        + " or lower(m.recipient) = :address")
public class OutboxMail {

    /** The mails about one account, oldest first. */
    public static final String OF_USER = "OutboxMail.ofUser";
    /** Every mail about an account or to its address, sent or not (the account is being deleted). */
    public static final String FORGET_USER = "OutboxMail.forgetUser";

    /** Sent mails older than {@code :sentBefore}, mails given up on before {@code :failedBefore}. */
    public static final String PRUNE = "OutboxMail.prune";
    public static final String CLAIM_NEXT_DUE = "select * from outbox_mails"
            + " where sent_at is null and failed_at is null and next_attempt_at <= ?1"
            + " order by next_attempt_at limit 1 for update skip locked";
    private static final int MAX_ERROR_LENGTH = 500;

    @Id
    private UUID id;

    private String recipient;

    private String subject;

    @Column(name = "text_body")
    private String textBody;

    @Column(name = "html_body")
    private String htmlBody;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "failed_at")
    private Instant failedAt;

    /** Text, not uuid: EclipseLink cannot bind a null uuid. */
    @Column(name = "user_id")
    private String userId;

    protected OutboxMail() {
    }

    public static OutboxMail queue(Mail mail, Instant now) {
        OutboxMail queued = new OutboxMail();
        queued.id = UUID.randomUUID();
        queued.recipient = mail.recipient();
        queued.subject = mail.subject();
        queued.textBody = mail.text();
        queued.htmlBody = mail.html();
        queued.createdAt = now;
        queued.nextAttemptAt = now;
        queued.userId = mail.userId() == null ? null : mail.userId().toString();
        return queued;
    }

    public Mail mail() {
        return new Mail(recipient, subject, textBody, htmlBody, userId == null ? null : UUID.fromString(userId));
    }

    public UUID id() {
        return id;
    }

    /** Delivered: the bodies are dropped, as their links are live credentials that no one needs to keep. */
    public void delivered(Instant now) {
        attempts++;
        sentAt = now;
        textBody = "";
        htmlBody = "";
        lastError = null;
    }

    public void attemptFailed(String error, Instant now, RetryPolicy policy) {
        attempts++;
        lastError = error == null ? "unknown error"
                : error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        if (attempts >= policy.maxAttempts()) {
            failedAt = now;
        } else {
            nextAttemptAt = now.plus(policy.delayAfter(attempts));
        }
    }

    /** Given up at once: the mail can never be sent as it is (its recipient was refused). */
    public void refused(String error, Instant now) {
        attempts++;
        lastError = error;
        failedAt = now;
    }

    public boolean hasFailed() {
        return failedAt != null;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public int attempts() {
        return attempts;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant failedAt() {
        return failedAt;
    }
}
