package io.latchkey.accounts.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A sign-in code asked for an address (see {@link AddressRequest}). A table of its own: instances of the release
 * before it resolve {@code password_reset_requests} and must never take one of these for a reset.
 */
@Entity
@Table(name = "email_login_requests")
public class EmailLoginRequest extends AddressRequest {

    protected EmailLoginRequest() {
    }

    private EmailLoginRequest(String email, Instant now) {
        super(email, now);
    }

    public static EmailLoginRequest of(String email, Instant now) {
        return new EmailLoginRequest(email, now);
    }
}
