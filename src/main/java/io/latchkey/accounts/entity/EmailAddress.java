package io.latchkey.accounts.entity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as Latchkey keeps it: trimmed, its domain lower-cased, at most 254 characters. Two addresses
 * are the same account when they are equal ignoring case ({@link #lookupKey()}), as mail providers treat them.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;

    // A dot-atom local part (RFC 5322, with RFC 6531 letters) and a domain of at least two labels: no spaces, no
    // quotes, no control characters, so an address can never break a mail header.
    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");

    /** The address, or empty when the text is not one. */
    public static Optional<EmailAddress> parse(String raw) {
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        if (trimmed.length() > MAX_LENGTH || at < 1 || at > 64) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(local + "@" + domain));
    }

    public String lookupKey() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
