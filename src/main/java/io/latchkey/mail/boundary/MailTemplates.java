package io.latchkey.mail.boundary;

import io.latchkey.mail.control.MailRenderer;
import io.latchkey.mail.entity.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which mails Latchkey sends: each one's template (files under {@code src/main/resources/mail/<language>}) and
 * values. Links are built from APP_FRONTEND_URL, never from a request's Host header (which an attacker chooses), and
 * lead to pages that spend their token only when the person presses a button there. How the bodies are rendered is
 * {@link MailRenderer}'s; how they are sent, the outbox's.
 */
@ApplicationScoped
public class MailTemplates {

    /** The paths of the pages mails link to; each takes {@code ?token=}. */
    public static final String VERIFY_EMAIL = "/verify/email/";
    public static final String NEW_PASSWORD = "/password/update/";
    public static final String CONFIRM_EMAIL_CHANGE = "/email/confirm/";
    public static final String UNDO_EMAIL_CHANGE = "/email/undo/";
    public static final String EMAIL_SIGN_IN = "/login/email/";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    @ConfigProperty(name = "app.frontend.url")
    String frontendUrl;

    @Inject
    MailRenderer renderer;

    public Mail verifyEmail(Recipient to, String token, Duration validity) {
        return mail(to, "verify-email", Map.of("link", link(VERIFY_EMAIL, token), "validity", describe(validity, to)));
    }

    public Mail passwordReset(Recipient to, String token, Duration validity) {
        return mail(to, "password-reset", Map.of("link", link(NEW_PASSWORD, token), "validity", describe(validity, to)));
    }

    /** To the owner of an address someone tried to register again (conceal-existing-accounts mode). */
    public Mail accountExists(Recipient to) {
        return mail(to, "account-exists", Map.of("link", link("/password/reset/", "")));
    }

    public Mail passwordChanged(Recipient to) {
        return mail(to, "password-changed", Map.of());
    }

    public Mail secondFactorEnabled(Recipient to) {
        return mail(to, "mfa-enabled", Map.of());
    }

    public Mail secondFactorDisabled(Recipient to) {
        return mail(to, "mfa-disabled", Map.of());
    }

    public Mail recoveryCodesReplaced(Recipient to) {
        return mail(to, "recovery-codes-replaced", Map.of());
    }

    public Mail recoveryCodeUsed(Recipient to, long left) {
        return mail(to, "recovery-code-used", Map.of("left", String.valueOf(left), "one", left == 1));
    }

    public Mail passkeyAdded(Recipient to, String passkey) {
        return mail(to, "passkey-added", Map.of("passkey", passkey));
    }

    public Mail passkeyRemoved(Recipient to, String passkey) {
        return mail(to, "passkey-removed", Map.of("passkey", passkey));
    }

    /** An identity provider's account now signs in to this one ({@code account}: its address there, if known). */
    public Mail identityLinked(Recipient to, String provider, String account) {
        return mail(to, "identity-linked", Map.of("provider", provider, "account", account == null ? "" : account));
    }

    public Mail identityUnlinked(Recipient to, String provider, String account) {
        return mail(to, "identity-unlinked", Map.of("provider", provider, "account", account == null ? "" : account));
    }

    /** To the new address of an email change: its link makes the change. */
    public Mail confirmEmailChange(Recipient to, String newAddress, String token, Duration validity) {
        return mail(to, "email-change-confirm", Map.of("email", newAddress, "link", link(CONFIRM_EMAIL_CHANGE, token),
                "validity", describe(validity, to)));
    }

    /** To the old address once the change is made: its link undoes it and signs every session out. */
    public Mail emailChanged(Recipient to, String newAddress, String undoToken, Duration validity) {
        return mail(to, "email-changed", Map.of("email", newAddress, "link", link(UNDO_EMAIL_CHANGE, undoToken),
                "validity", describe(validity, to)));
    }

    /** To the owner of an address another account asked to move to: nothing changes, and nobody learns it is taken. */
    public Mail emailChangeToTakenAddress(Recipient to) {
        return mail(to, "email-change-taken", Map.of());
    }

    public Mail signInCode(Recipient to, String code, String token, Duration validity) {
        return mail(to, "sign-in-code", Map.of("code", code, "link", link(EMAIL_SIGN_IN, token),
                "validity", describe(validity, to)));
    }

    public Mail newDevice(Recipient to, Instant when, String device, String address) {
        return mail(to, "new-device", Map.of("when", WHEN.format(when), "device", device,
                "address", address == null ? "?" : address, "link", link("/#/account", "")));
    }

    /** The last mail to a deleted account: its address is free again. */
    public Mail accountDeleted(Recipient to) {
        return mail(new Recipient(null, to.name(), to.email(), to.language()), "account-deleted", Map.of());
    }

    private Mail mail(Recipient to, String template, Map<String, ?> values) {
        Map<String, Object> all = new HashMap<>(values);
        all.put("name", to.name());
        MailRenderer.Bodies bodies = renderer.render(template, to.language(), all);
        return new Mail(to.email(), bodies.subject(), bodies.text(), bodies.html(), to.userId());
    }

    private String link(String path, String token) {
        String base = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
        return base + path + (token.isEmpty() ? "" : "?token=" + token);
    }

    /** The languages a user may choose for their mails. */
    public List<String> languages() {
        return renderer.languages();
    }

    /** The language for a browser's Accept-Language header. */
    public String language(String acceptLanguage) {
        return renderer.language(acceptLanguage);
    }

    static String describe(Duration validity, Recipient to) {
        boolean german = "de".equals(to.language());
        long days = validity.toDays();
        if (days >= 2 && validity.equals(Duration.ofDays(days))) {
            return german ? days + (days == 1 ? " Tag" : " Tage") : days + (days == 1 ? " day" : " days");
        }
        long hours = validity.toHours();
        if (hours >= 1 && validity.equals(Duration.ofHours(hours))) {
            return german ? hours + (hours == 1 ? " Stunde" : " Stunden") : hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(1, validity.toMinutes());
        return german ? minutes + (minutes == 1 ? " Minute" : " Minuten") : minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
