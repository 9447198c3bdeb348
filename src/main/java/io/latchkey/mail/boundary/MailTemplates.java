package io.latchkey.mail.boundary;

import io.latchkey.mail.control.MailRenderer;
import io.latchkey.mail.entity.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which mails Latchkey sends: each one's template (files under {@code src/main/resources/mail}), subject and
 * values. Links are built from APP_FRONTEND_URL, never from a request's Host header (which an attacker chooses).
 * How the bodies are rendered is {@link MailRenderer}'s; how they are sent, the outbox's.
 */
@ApplicationScoped
public class MailTemplates {

    @Inject
    @ConfigProperty(name = "app.frontend.url")
    String frontendUrl;

    @Inject
    MailRenderer renderer;

    public Mail verifyEmail(String name, String email, String token, Duration validity) {
        return mail(email, "Verify your email address", "verify-email",
                Map.of("name", name, "link", link("/verify/email/?token=", token), "validity", describe(validity)));
    }

    public Mail passwordReset(String name, String email, String token, Duration validity) {
        return mail(email, "Reset your password", "password-reset",
                Map.of("name", name, "link", link("/password/update/?token=", token), "validity", describe(validity)));
    }

    /** To the owner of an address someone tried to register again (conceal-existing-accounts mode). */
    public Mail accountExists(String name, String email) {
        return mail(email, "You already have an account", "account-exists",
                Map.of("name", name, "link", link("/password/reset/", "")));
    }

    public Mail passwordChanged(String name, String email) {
        return mail(email, "Your password was changed", "password-changed", Map.of("name", name));
    }

    public Mail secondFactorEnabled(String name, String email) {
        return mail(email, "Two-step sign-in is on", "mfa-enabled", Map.of("name", name));
    }

    public Mail secondFactorDisabled(String name, String email) {
        return mail(email, "Two-step sign-in was turned off", "mfa-disabled", Map.of("name", name));
    }

    public Mail recoveryCodesReplaced(String name, String email) {
        return mail(email, "New recovery codes were made", "recovery-codes-replaced", Map.of("name", name));
    }

    public Mail recoveryCodeUsed(String name, String email, long left) {
        return mail(email, "A recovery code was used", "recovery-code-used",
                Map.of("name", name, "left", left == 1 ? "1 code is" : left + " codes are"));
    }

    public Mail passkeyAdded(String name, String email, String passkey) {
        return mail(email, "A passkey was added", "passkey-added", Map.of("name", name, "passkey", passkey));
    }

    public Mail passkeyRemoved(String name, String email, String passkey) {
        return mail(email, "A passkey was removed", "passkey-removed", Map.of("name", name, "passkey", passkey));
    }

    private Mail mail(String to, String subject, String template, Map<String, String> values) {
        MailRenderer.Bodies bodies = renderer.render(template, values);
        return new Mail(to, subject, bodies.text(), bodies.html());
    }

    private String link(String path, String token) {
        String base = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
        return base + path + token;
    }

    static String describe(Duration validity) {
        long hours = validity.toHours();
        if (hours >= 1 && validity.equals(Duration.ofHours(hours))) {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        long minutes = Math.max(1, validity.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
