package io.latchkey.mail.boundary;

import io.latchkey.mail.entity.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which mails Latchkey sends, and what they say. Links are built from APP_FRONTEND_URL, never from a request's
 * Host header (which an attacker chooses); the user's name is escaped in the HTML part.
 */
@ApplicationScoped
public class MailTemplates {

    @Inject
    @ConfigProperty(name = "app.frontend.url")
    String frontendUrl;

    public Mail verifyEmail(String name, String email, String token, Duration validity) {
        String link = link("/verify/email/?token=", token);
        return mail(email, "Verify your email address", name,
                "Please confirm that this is your email address by opening this link:",
                link, "The link is valid for " + describe(validity) + ". If you did not sign up, ignore this mail.");
    }

    public Mail passwordReset(String name, String email, String token, Duration validity) {
        String link = link("/password/update/?token=", token);
        return mail(email, "Reset your password", name,
                "Someone asked to reset the password of your account. To choose a new password, open this link:",
                link, "The link is valid for " + describe(validity) + " and works once. If you did not ask for it,"
                        + " ignore this mail: your password stays as it is.");
    }

    /** To the owner of an address someone tried to register again (conceal-existing-accounts mode). */
    public Mail accountExists(String name, String email) {
        return mail(email, "You already have an account", name,
                "Someone tried to create an account with your email address. If it was you: you already have one,"
                        + " so sign in, or reset your password if you forgot it:",
                link("/password/reset/", ""), "If it was not you, ignore this mail: nothing was changed.");
    }

    public Mail passwordChanged(String name, String email) {
        return mail(email, "Your password was changed", name,
                "The password of your account was just changed, and your other sessions were signed out.",
                null, "If you did not do this, reset your password at once and check your account.");
    }

    private String link(String path, String token) {
        String base = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
        return base + path + token;
    }

    private static Mail mail(String to, String subject, String name, String lead, String link, String footnote) {
        StringBuilder text = new StringBuilder("Hello ").append(name).append(",\n\n").append(lead).append("\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">")
                .append("<p>Hello ").append(escape(name)).append(",</p><p>").append(escape(lead)).append("</p>");
        if (link != null) {
            text.append(link).append("\n\n");
            html.append("<p><a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a></p>");
        }
        text.append(footnote).append("\n\n-- Latchkey\n");
        html.append("<p>").append(escape(footnote)).append("</p></body></html>");
        return new Mail(to, subject, text.toString(), html.toString());
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String describe(Duration validity) {
        long hours = validity.toHours();
        if (hours >= 1 && validity.equals(Duration.ofHours(hours))) {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        long minutes = Math.max(1, validity.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
