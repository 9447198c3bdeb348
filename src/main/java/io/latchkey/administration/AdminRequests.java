package io.latchkey.administration;

import io.latchkey.web.MaxLength;
import io.latchkey.web.NoControlCharacters;

/** The bodies of the admin API's actions, every field optional. */
public final class AdminRequests {

    static final int MAX_REASON = 500;

    private AdminRequests() {
    }

    /** Any action: why (kept in the audit trail), and a fresh code when the admin's sign-in is not recent. */
    public record Action(
            @MaxLength(value = MAX_REASON, message = "Reason must be at most " + MAX_REASON + " characters")
            @NoControlCharacters(message = "Reason must not contain control characters")
            String reason,
            String mfaCode) {
    }

    /** {@code disable}: also until when (an ISO-8601 instant in the future; absent: until enabled). */
    public record Disable(
            @MaxLength(value = MAX_REASON, message = "Reason must be at most " + MAX_REASON + " characters")
            @NoControlCharacters(message = "Reason must not contain control characters")
            String reason,
            String until,
            String mfaCode) {
    }
}
