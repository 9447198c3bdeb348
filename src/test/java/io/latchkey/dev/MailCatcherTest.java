package io.latchkey.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quickstart's console log of mails, fed over real SMTP in an order that interleaves recipients, the way the
 * quickstart's first walk did: register carol, register dave, reset carol's password.
 */
class MailCatcherTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private MailCatcher catcher;
    private Session smtp;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        catcher = MailCatcher.start(port, new PrintStream(console, true, StandardCharsets.UTF_8));
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(port));
        smtp = Session.getInstance(settings);
    }

    @AfterEach
    void stop() {
        catcher.close();
    }

    @Test
    void printsEveryMailOnceInArrivalOrderWithEachLinkOnceAndDecoded() throws Exception {
        send("<1@latchkey>", "carol@example.test", "Verify your email", "http://localhost:8080/verify/email?token=lkv_carol");
        send("<2@latchkey>", "dave@example.test", "Verify your email", "http://localhost:8080/verify/email?token=lkv_dave");
        send("<3@latchkey>", "carol@example.test", "Reset your password", "http://localhost:8080/password/update?token=lkr_carol");
        // The outbox sends a mail again, under the same Message-ID, when a commit after the first try was lost.
        send("<2@latchkey>", "dave@example.test", "Verify your email", "http://localhost:8080/verify/email?token=lkv_dave");
        send("<4@latchkey>", "carol@example.test", "Undo the change", "http://localhost:8080/email/undo?token=lku_carol");

        assertEquals(List.of(
                "--- mail to carol@example.test: Verify your email",
                "    http://localhost:8080/verify/email?token=lkv_carol",
                "--- mail to dave@example.test: Verify your email",
                "    http://localhost:8080/verify/email?token=lkv_dave",
                "--- mail to carol@example.test: Reset your password",
                "    http://localhost:8080/password/update?token=lkr_carol",
                "--- mail to carol@example.test: Undo the change",
                "    http://localhost:8080/email/undo?token=lku_carol"), printedLines());
    }

    @Test
    void aMailWithOnlyAnHtmlPartHasItsLinksUnescaped() throws Exception {
        MimeMessage message = message("<5@latchkey>", "erin@example.test", "Sign in");
        message.setText("<p><a href=\"http://localhost:8080/login/email?token&#61;lke_a&amp;x&#x3D;1\">Sign in</a></p>",
                "UTF-8", "html");
        Transport.send(message);

        assertEquals(List.of("--- mail to erin@example.test: Sign in",
                "    http://localhost:8080/login/email?token=lke_a&x=1"), printedLines());
    }

    /** As the outbox writes them: a text part and an HTML part, whose template escapes '=' in the link. */
    private void send(String id, String to, String subject, String link) throws MessagingException {
        MimeMessage message = message(id, to, subject);
        MimeBodyPart text = new MimeBodyPart();
        // Long enough that quoted-printable folds the line, and the link, with a soft line break.
        text.setText("Hello,\n\nTo go on, open this link, which is valid for an hour and works only once:\n" + link
                + "?padding=" + "x".repeat(40) + "\n\n-- Latchkey ünïcode", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart html = new MimeBodyPart();
        String escaped = link.replace("=", "&#61;") + "?padding&#61;" + "x".repeat(40);
        html.setText("<p><a href=\"" + escaped + "\">" + escaped + "</a></p>", "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message);
    }

    private MimeMessage message(String id, String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(smtp) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        message.setFrom(new InternetAddress("latchkey@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        return message;
    }

    /** The console without blank lines, and without the padding that made the links long. */
    private List<String> printedLines() {
        return Arrays.stream(console.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> !line.isBlank())
                .map(line -> line.replace("?padding=" + "x".repeat(40), ""))
                .toList();
    }
}
