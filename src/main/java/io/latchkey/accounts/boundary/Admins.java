package io.latchkey.accounts.boundary;

import io.latchkey.accounts.entity.EmailAddress;
import io.latchkey.accounts.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who administers Latchkey: accounts an admin (or the command line) granted it, and the verified accounts whose
 * address is one of ADMIN_EMAILS, the first admins of a new installation. An unverified account with such an address
 * is not one: whoever registered it first need not own the mailbox.
 */
@ApplicationScoped
public class Admins {

    /** Comma-separated (Payara's config cannot inject an optional list: it throws at the first use). */
    @Inject
    @ConfigProperty(name = "admin.emails")
    Optional<String> configured;

    private volatile Set<String> addresses;

    public boolean isAdmin(User user) {
        return user.isGrantedAdmin() || user.isEmailVerified() && byConfiguration(user);
    }

    /** Whether the address is one of ADMIN_EMAILS: such an admin is one as long as the setting says so. */
    public boolean byConfiguration(User user) {
        // A stored address is normalised already: its lookup key is its lower case.
        return !addresses().isEmpty() && addresses().contains(user.email().toLowerCase(Locale.ROOT));
    }

    /** The lookup keys of ADMIN_EMAILS, for a query that counts the admins. */
    public Set<String> addresses() {
        Set<String> known = addresses;
        if (known == null) {
            known = List.of(configured.orElse("").split(",")).stream().map(String::strip).filter(a -> !a.isEmpty())
                    .map(a -> EmailAddress.parse(a).map(EmailAddress::lookupKey).orElse(a.toLowerCase(Locale.ROOT)))
                    .collect(Collectors.toUnmodifiableSet());
            addresses = known;
        }
        return known;
    }
}
