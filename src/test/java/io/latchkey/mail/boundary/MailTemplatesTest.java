package io.latchkey.mail.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.mail.control.MailRenderer;
import io.latchkey.mail.entity.Mail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every mail rendered from its template files: values escaped in HTML, as they are in plain text. */
class MailTemplatesTest {

    static final String NAME = "<script>alert('x')</script> & co";

    final MailTemplates templates = templates("https://app.example.test/");

    @Test
    void everyMailHasBothBodiesWithNothingLeftUnrendered() {
        for (Mail mail : all()) {
            assertTrue(mail.text().startsWith("Hello " + NAME + ",\n"), mail.text());
            assertTrue(mail.text().endsWith("-- Latchkey\n"), mail.text());
            assertTrue(mail.html().startsWith("<!doctype html>"), mail.html());
            assertFalse(mail.text().contains("{{") || mail.html().contains("{{"), mail.subject());
            assertEquals("ada@example.test", mail.recipient());
        }
    }

    @Test
    void theNameIsEscapedInHtmlOnly() {
        for (Mail mail : all()) {
            assertTrue(mail.html().contains("Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co,"), mail.html());
            assertFalse(mail.html().contains("<script>"));
        }
    }

    @Test
    void linksComeFromTheFrontendUrlWithTheTokenAndTheValidity() {
        Mail verify = templates.verifyEmail(NAME, "ada@example.test", "lkv_abc", Duration.ofHours(24));
        assertTrue(verify.text().contains("\nhttps://app.example.test/verify/email/?token=lkv_abc\n"), verify.text());
        assertTrue(verify.html().contains("href=\"https://app.example.test/verify/email/?token&#61;lkv_abc\""), verify.html());
        assertTrue(verify.text().contains("valid for 24 hours"));
        Mail reset = templates.passwordReset(NAME, "ada@example.test", "lkr_xyz", Duration.ofMinutes(30));
        assertTrue(reset.text().contains("\nhttps://app.example.test/password/update/?token=lkr_xyz\n"), reset.text());
        assertTrue(reset.text().contains("valid for 30 minutes and works once"));
        assertTrue(templates.accountExists(NAME, "ada@example.test").text().contains("https://app.example.test/password/reset/\n"));
    }

    private List<Mail> all() {
        return List.of(templates.verifyEmail(NAME, "ada@example.test", "lkv_t", Duration.ofHours(1)),
                templates.passwordReset(NAME, "ada@example.test", "lkr_t", Duration.ofHours(1)),
                templates.accountExists(NAME, "ada@example.test"),
                templates.passwordChanged(NAME, "ada@example.test"));
    }

    static MailTemplates templates(String frontendUrl) {
        MailTemplates templates = new MailTemplates();
        templates.frontendUrl = frontendUrl;
        templates.renderer = new MailRenderer();
        return templates;
    }
}
