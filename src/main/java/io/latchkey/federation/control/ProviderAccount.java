package io.latchkey.federation.control;

import java.util.List;
import java.util.Optional;

/**
 * Who the provider says signed in: its subject (the identity), the address it has for them and whether it verified
 * it, a name to start the account with, and the methods of its {@code amr}.
 */
public record ProviderAccount(String subject, Optional<String> email, boolean emailVerified, Optional<String> name,
                              List<String> amr) {
}
