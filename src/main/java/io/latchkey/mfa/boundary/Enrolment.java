package io.latchkey.mfa.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** An authenticator app being set up: the secret to type or scan, and until when it can be confirmed. */
@JsonbPropertyOrder({"secret", "otpauth_uri", "qr_code", "expires_at"})
public record Enrolment(String secret, @JsonbProperty("otpauth_uri") String otpauthUri,
                        @JsonbProperty("qr_code") String qrCode, @JsonbProperty("expires_at") Instant expiresAt) {
}
