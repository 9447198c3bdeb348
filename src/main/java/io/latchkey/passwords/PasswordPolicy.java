package io.latchkey.passwords;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a new password must be (NIST SP 800-63B, OWASP ASVS V6): long enough, at most 128 characters, not a common
 * password, and typed twice alike. No composition rules; never trimmed or altered; any Unicode.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MAX_LENGTH = 128;

    @Inject
    @ConfigProperty(name = "password.min-length", defaultValue = "8")
    int minLength;

    private Set<String> common;

    @PostConstruct
    void loadCommonPasswords() {
        common = new HashSet<>(40_000);
        try (InputStream in = getClass().getResourceAsStream("/passwords/common-passwords.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(common::add);
        } catch (IOException e) {
            throw new UncheckedIOException("The common password list cannot be read", e);
        }
    }

    /** What is wrong with a new password, if anything: the message for the person who chose it. */
    public Optional<String> problem(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            return Optional.of("Password must be at least " + minLength + " characters long");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Password must be at most " + MAX_LENGTH + " characters long");
        }
        return isCommon(password) ? Optional.of("This password is too common; choose another") : Optional.empty();
    }

    boolean isCommon(String password) {
        return common.contains(password.toLowerCase(Locale.ROOT));
    }

    int commonCount() {
        return common.size();
    }
}
