package io.latchkey.mail.boundary;

import io.latchkey.mail.entity.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The mails that tell an account's owner something happened to it, each kind of which an operator may turn off
 * (SECURITY_NOTICES_OFF, a comma-separated list of the kinds' names). Queued through the outbox, in the change's
 * transaction, like every mail.
 */
@ApplicationScoped
public class SecurityNotices {

    /** The kinds, by the names operators give them. */
    public enum Kind {
        /** A sign-in from a device or address not seen on the account for 90 days (users may turn it off too). */
        NEW_DEVICE("new-device"),
        /** The password was changed or reset. */
        PASSWORD("password"),
        /** The address was changed: the old one is told, with a link that undoes it. */
        EMAIL("email"),
        /** A second factor, recovery code or passkey was added, used or removed. */
        FACTORS("factors");

        final String setting;

        Kind(String setting) {
            this.setting = setting;
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    @ConfigProperty(name = "security.notices.off", defaultValue = "none")
    String off;

    private Set<String> disabled;

    public void send(Kind kind, Mail mail) {
        if (isOn(kind)) {
            outbox.queue(mail);
        }
    }

    public boolean isOn(Kind kind) {
        if (disabled == null) {
            disabled = Arrays.stream(off.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }
        return !disabled.contains(kind.setting);
    }
}
