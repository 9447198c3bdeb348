package io.latchkey.mfa.boundary;

import java.util.UUID;

/** The account a factor belongs to, as the second factor needs it: its id, and where and how to mail its owner. */
public record Owner(UUID id, String email, String name) {
}
