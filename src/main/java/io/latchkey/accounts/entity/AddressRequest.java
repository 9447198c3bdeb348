package io.latchkey.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * A mail asked for an address, not yet resolved. Every request is stored alike, whether the address has an account
 * or not; a relay finds out later, so the request reveals nothing. Each purpose has a table of its own.
 */
@MappedSuperclass
public abstract class AddressRequest {

    @Id
    private UUID id;

    private String email;

    @Column(name = "requested_at")
    private Instant requestedAt;

    protected AddressRequest() {
    }

    protected AddressRequest(String email, Instant now) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.requestedAt = now;
    }

    public String email() {
        return email;
    }
}
