package io.latchkey.mail.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.mail.control.MailRenderer;
import io.latchkey.mail.entity.Mail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mail rendered from its template files, in each language: values escaped in HTML, as they are in text. */
class MailTemplatesTest {

    static final String NAME = "<script>alert('x')</script> & co";
    static final UUID USER = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    final MailTemplates templates = templates("https://app.example.test/", new MailRenderer());

    @Test
    void everyMailHasASubjectAndBothBodiesWithNothingLeftUnrendered() {
        for (String language : List.of("en", "de")) {
            Set<String> subjects = new HashSet<>();
            for (Mail mail : all(language)) {
                String greeting = language.equals("de") ? "Hallo " : "Hello ";
                assertTrue(mail.text().startsWith(greeting + NAME + ",\n"), mail.text());
                assertTrue(mail.text().endsWith("-- Latchkey\n"), mail.text());
                assertTrue(mail.html().startsWith("<!doctype html><html lang=\"" + language + "\">"), mail.html());
                assertFalse(mail.text().contains("{{") || mail.html().contains("{{") || mail.subject().contains("{{"),
                        mail.subject());
                assertFalse(mail.subject().isBlank() || mail.text().startsWith("Subject:"), mail.text());
                assertEquals("ada@example.test", mail.recipient());
                assertTrue(subjects.add(mail.subject()), "one subject per mail: " + mail.subject());
            }
        }
    }

    @Test
    void aGermanUserGetsGermanMailsAndAnUnknownLanguageEnglishOnes() {
        Mail german = templates.passwordChanged(to("de"));
        assertEquals("Ihr Passwort wurde geändert", german.subject());
        assertTrue(german.text().contains("das Passwort Ihres Kontos wurde soeben geändert"), german.text());
        assertTrue(templates.verifyEmail(to("de"), "lkv_abc", Duration.ofHours(24)).text().contains("24 Stunden gültig"));
        assertEquals("Your password was changed", templates.passwordChanged(to("fr")).subject());
    }

    @Test
    void theNameIsEscapedInHtmlOnly() {
        for (Mail mail : all("en")) {
            assertTrue(mail.html().contains("Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co,"), mail.html());
            assertFalse(mail.html().contains("<script>"));
        }
    }

    @Test
    void linksComeFromTheFrontendUrlWithTheTokenAndTheValidity() {
        Mail verify = templates.verifyEmail(to("en"), "lkv_abc", Duration.ofHours(24));
        assertTrue(verify.text().contains("\nhttps://app.example.test/verify/email/?token=lkv_abc\n"), verify.text());
        assertTrue(verify.html().contains("href=\"https://app.example.test/verify/email/?token&#61;lkv_abc\""), verify.html());
        assertTrue(verify.text().contains("valid for 24 hours"));
        Mail reset = templates.passwordReset(to("en"), "lkr_xyz", Duration.ofMinutes(30));
        assertTrue(reset.text().contains("\nhttps://app.example.test/password/update/?token=lkr_xyz\n"), reset.text());
        assertTrue(reset.text().contains("valid for 30 minutes and works once"));
        assertTrue(templates.accountExists(to("en")).text().contains("https://app.example.test/password/reset/\n"));
        assertTrue(templates.confirmEmailChange(to("en"), "new@example.test", "lkc_1", Duration.ofHours(24)).text()
                .contains("\nhttps://app.example.test/email/confirm/?token=lkc_1\n"));
        Mail undo = templates.emailChanged(to("en"), "new@example.test", "lku_1", Duration.ofDays(7));
        assertTrue(undo.text().contains("\nhttps://app.example.test/email/undo/?token=lku_1\n"), undo.text());
        assertTrue(undo.text().contains("within 7 days"), undo.text());
        Mail code = templates.signInCode(to("en"), "042917", "lke_1", Duration.ofMinutes(10));
        assertTrue(code.text().contains("Your code to sign in is 042917."), code.text());
        assertFalse(code.subject().contains("042917"), "a code in the subject shows on locked screens");
        assertTrue(code.text().contains("\nhttps://app.example.test/login/email/?token=lke_1\n"), code.text());
    }

    @Test
    void mailsCarryTheirAccountButTheLastOneOfADeletedAccountDoesNot() {
        assertEquals(USER, templates.passwordChanged(to("en")).userId());
        assertEquals(null, templates.accountDeleted(to("en")).userId());
    }

    @Test
    void theNewDeviceNoticeSaysWhenWhatAndWhere() {
        Mail notice = templates.newDevice(to("en"), Instant.parse("2026-12-05T10:15:30Z"), "Firefox on Windows",
                "192.0.2.7");
        assertTrue(notice.text().contains("When: 2026-12-05 10:15 UTC\nDevice: Firefox on Windows\nAddress: 192.0.2.7"),
                notice.text());
        assertTrue(notice.text().contains("https://app.example.test/#/account"), notice.text());
    }

    @Test
    void anOperatorsDirectoryOverridesATemplateAndAddsALanguage(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve("en"));
        Files.writeString(directory.resolve("en/password-changed.txt.mustache"),
                "Subject: ACME: password changed\n\nHi {{name}}, your ACME password changed.\n");
        Files.createDirectories(directory.resolve("fr"));
        Files.writeString(directory.resolve("fr/password-changed.txt.mustache"),
                "Subject: Mot de passe modifié\n\nBonjour {{name}}.\n");
        MailRenderer renderer = new MailRenderer(directory);
        MailTemplates own = templates("https://app.example.test/", renderer);
        Mail english = own.passwordChanged(to("en"));
        assertEquals("ACME: password changed", english.subject());
        assertEquals("Hi " + NAME + ", your ACME password changed.\n", english.text());
        assertTrue(english.html().contains("The password of your account was just changed"), "the HTML part is the WAR's");
        assertEquals("Mot de passe modifié", own.passwordChanged(to("fr")).subject());
        assertEquals("Verify your email address", own.verifyEmail(to("fr"), "t", Duration.ofHours(1)).subject(),
                "English where the operator's language lacks a template");
        assertEquals(List.of("de", "en", "fr"), renderer.languages());
        assertEquals("fr", renderer.language("fr-CH, fr;q=0.9, en;q=0.8"));
        assertNotEquals("fr", new MailRenderer().language("fr-CH, fr;q=0.9, en;q=0.8"));
    }

    @Test
    void theLanguageOfABrowserIsTheBestOneThereAreMailsIn() {
        MailRenderer renderer = new MailRenderer();
        assertEquals("de", renderer.language("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"));
        assertEquals("de", renderer.language("fr-FR, de;q=0.5"));
        assertEquals("en", renderer.language("fr-FR, it;q=0.5"));
        assertEquals("en", renderer.language(null));
        assertEquals("en", renderer.language("this is ;;; not a header"));
        assertEquals("en", renderer.language("de".repeat(200)));
    }

    private List<Mail> all(String language) {
        Duration hour = Duration.ofHours(1);
        return List.of(templates.verifyEmail(to(language), "lkv_t", hour),
                templates.passwordReset(to(language), "lkr_t", hour),
                templates.accountExists(to(language)),
                templates.passwordChanged(to(language)),
                templates.secondFactorEnabled(to(language)),
                templates.secondFactorDisabled(to(language)),
                templates.recoveryCodesReplaced(to(language)),
                templates.recoveryCodeUsed(to(language), 3),
                templates.passkeyAdded(to(language), "Laptop"),
                templates.passkeyRemoved(to(language), "Laptop"),
                templates.confirmEmailChange(to(language), "new@example.test", "lkc_t", hour),
                templates.emailChanged(to(language), "new@example.test", "lku_t", Duration.ofDays(7)),
                templates.emailChangeToTakenAddress(to(language)),
                templates.signInCode(to(language), "123456", "lke_t", Duration.ofMinutes(10)),
                templates.newDevice(to(language), Instant.EPOCH, "Chrome on Linux", "192.0.2.1"),
                templates.accountDeleted(to(language)));
    }

    static Recipient to(String language) {
        return new Recipient(USER, NAME, "ada@example.test", language);
    }

    static MailTemplates templates(String frontendUrl, MailRenderer renderer) {
        MailTemplates templates = new MailTemplates();
        templates.frontendUrl = frontendUrl;
        templates.renderer = renderer;
        return templates;
    }
}
