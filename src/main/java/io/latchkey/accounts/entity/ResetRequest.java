package io.latchkey.accounts.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A password reset asked for an address (see {@link AddressRequest}). */
@Entity
@Table(name = "password_reset_requests")
public class ResetRequest extends AddressRequest {

    protected ResetRequest() {
    }

    private ResetRequest(String email, Instant now) {
        super(email, now);
    }

    public static ResetRequest of(String email, Instant now) {
        return new ResetRequest(email, now);
    }
}
