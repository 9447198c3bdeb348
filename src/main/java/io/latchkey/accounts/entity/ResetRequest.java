package io.latchkey.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A password reset asked for an address, not yet resolved. Every request is stored alike, whether the address has
 * an account or not; the relay finds out later, so the request reveals nothing.
 */
@Entity
@Table(name = "password_reset_requests")
public class ResetRequest {

    public static final String CLAIM_BATCH = "select * from password_reset_requests"
            + " order by requested_at limit 20 for update skip locked";

    @Id
    private UUID id;

    private String email;

    @Column(name = "requested_at")
    private Instant requestedAt;

    protected ResetRequest() {
    }

    public static ResetRequest of(String email, Instant now) {
        ResetRequest request = new ResetRequest();
        request.id = UUID.randomUUID();
        request.email = email;
        request.requestedAt = now;
        return request;
    }

    public String email() {
        return email;
    }
}
