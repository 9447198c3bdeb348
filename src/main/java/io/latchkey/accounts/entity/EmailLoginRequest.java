package io.latchkey.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in code asked for an address, not yet resolved: stored alike whether the address has an account or not,
 * as a {@link ResetRequest} is; the relay finds out later, so the request reveals nothing.
 */
@Entity
@Table(name = "email_login_requests")
public class EmailLoginRequest {

    public static final String CLAIM_BATCH = "select * from email_login_requests"
            + " order by requested_at limit 20 for update skip locked";

    @Id
    private UUID id;

    private String email;

    @Column(name = "requested_at")
    private Instant requestedAt;

    protected EmailLoginRequest() {
    }

    public static EmailLoginRequest of(String email, Instant now) {
        EmailLoginRequest request = new EmailLoginRequest();
        request.id = UUID.randomUUID();
        request.email = email;
        request.requestedAt = now;
        return request;
    }

    public String email() {
        return email;
    }
}
