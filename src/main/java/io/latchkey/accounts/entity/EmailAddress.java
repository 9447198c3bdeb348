package io.latchkey.accounts.entity;

import java.net.IDN;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An email address as Latchkey keeps it and mails it: exactly the envelope address that goes out, so no mail
 * library or server can turn it into another one. The policy (docs/SECURITY.md, "Email addresses"):
 * <ul>
 * <li>the text is trimmed and NFKC-normalised, so fullwidth and other compatibility forms become the address they
 * look like ({@code ceo@ｃｏｒｐ.ｔｅｓｔ} is {@code ceo@corp.test}, the same account);</li>
 * <li>the local part is ASCII (a dot-atom, RFC 5322): without SMTPUTF8 a non-ASCII address cannot be sent
 * faithfully, and Jakarta Mail would cut each character to its low byte;</li>
 * <li>the domain is stored in its ASCII form (IDNA, punycode for international labels), lower-cased; a label that
 * mixes scripts (Latin with Cyrillic, say: {@code pаypal}) is refused as a likely lookalike;</li>
 * <li>no control characters, spaces or quotes anywhere: an address can never break a mail header.</li>
 * </ul>
 * Two addresses are the same account when they are equal ignoring case ({@link #lookupKey()}).
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    /** The messages of a missing and of an unusable address, the same on every endpoint. */
    public static final String REQUIRED = "Email is required";
    public static final String INVALID = "Email must be a valid address";

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern ASCII_DOMAIN = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_OF_LETTERS = Pattern.compile("[\\p{L}\\p{M}\\p{N}-]+");
    private static final Set<Character.UnicodeScript> NEUTRAL = EnumSet.of(Character.UnicodeScript.COMMON,
            Character.UnicodeScript.INHERITED);
    // The script mixes of Unicode's "highly restrictive" level (UTS #39): Latin may go with Han and the Japanese
    // kana, with Han and Bopomofo, or with Han and Hangul; any other mix is refused.
    private static final List<Set<Character.UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                    Character.UnicodeScript.KATAKANA),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));

    /** The address, or empty when the text is not one this policy accepts. */
    public static Optional<EmailAddress> parse(String raw) {
        String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
        int at = text.lastIndexOf('@');
        if (text.length() > MAX_LENGTH || at < 1 || at > 64) {
            return Optional.empty();
        }
        String local = text.substring(0, at);
        Optional<String> domain = asciiDomain(text.substring(at + 1));
        if (!LOCAL.matcher(local).matches() || domain.isEmpty() || local.length() + 1 + domain.get().length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(local + "@" + domain.get()));
    }

    /** The domain's ASCII form, if every label is well formed and none mixes scripts (in either form). */
    private static Optional<String> asciiDomain(String domain) {
        if (domain.isEmpty() || domain.endsWith(".")) {
            return Optional.empty();
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL_OF_LETTERS.matcher(label).matches() || !isSingleScript(label)) {
                return Optional.empty();
            }
        }
        String ascii;
        String unicode;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            unicode = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException notIdna) {
            return Optional.empty();
        }
        if (!ASCII_DOMAIN.matcher(ascii).matches()) {
            return Optional.empty();
        }
        for (String label : unicode.split("\\.")) {
            if (!isSingleScript(label)) {
                return Optional.empty();   // typed as punycode, but a lookalike all the same
            }
        }
        return Optional.of(ascii);
    }

    private static boolean isSingleScript(String label) {
        Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
        label.codePoints().mapToObj(Character.UnicodeScript::of).filter(s -> !NEUTRAL.contains(s)).forEach(scripts::add);
        return scripts.size() <= 1 || ALLOWED_MIXES.stream().anyMatch(mix -> mix.containsAll(scripts));
    }

    public String lookupKey() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
