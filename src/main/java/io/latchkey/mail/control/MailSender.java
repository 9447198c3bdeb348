package io.latchkey.mail.control;

import io.latchkey.mail.entity.Mail;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How mail leaves: Jakarta Mail over SMTP, configured from SMTP_* and MAIL_FROM. Knows nothing of what it sends. */
@ApplicationScoped
public class MailSender {

    @Inject
    Clock clock;

    private static final String TIMEOUT_MILLIS = "10000";

    @Inject
    @ConfigProperty(name = "smtp.host")
    String host;

    @Inject
    @ConfigProperty(name = "smtp.port")
    int port;

    @Inject
    @ConfigProperty(name = "smtp.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "smtp.starttls", defaultValue = "false")
    boolean starttls;

    @Inject
    @ConfigProperty(name = "mail.from", defaultValue = "Latchkey <no-reply@localhost>")
    String from;

    private Session session;

    @PostConstruct
    void init() {
        Properties smtp = new Properties();
        smtp.put("mail.transport.protocol", "smtp");
        smtp.put("mail.smtp.host", host);
        smtp.put("mail.smtp.port", String.valueOf(port));
        // A hung SMTP server must not hold the relay (and its row locks) for long.
        smtp.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        smtp.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        smtp.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        smtp.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        smtp.put("mail.smtp.starttls.required", String.valueOf(starttls));
        Authenticator login = null;
        if (user.isPresent()) {
            smtp.put("mail.smtp.auth", "true");
            PasswordAuthentication credentials = new PasswordAuthentication(user.get(), password.orElse(""));
            login = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
        session = Session.getInstance(smtp, login);
    }

    /**
     * Sends the mail to exactly its recipient. Every attempt at one outbox mail carries the same Message-ID: a mail
     * sent again because the commit recording its SMTP acceptance was lost (a crash, a database outage at that
     * moment) is the same message, which mailbox providers show once. An address that would not go out byte for byte as stored is refused
     * with an {@link AddressException} (never retried): without SMTPUTF8, Jakarta Mail cuts every non-ASCII character
     * of the envelope to its low byte, and {@code ceo@ｃｏｒｐ.test} would reach another domain.
     */
    public void send(Mail mail, UUID outboxId) throws MessagingException {
        InternetAddress recipient = exactEnvelope(mail.recipient());
        InternetAddress sender = new InternetAddress(from, true);
        String messageId = "<" + outboxId + "@" + sender.getAddress().substring(sender.getAddress().indexOf('@') + 1) + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(sender);
        message.setRecipient(Message.RecipientType.TO, recipient);
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternatives = new MimeMultipart("alternative", text, html);
        message.setContent(alternatives);
        Transport.send(message, new InternetAddress[] {recipient});
    }

    static InternetAddress exactEnvelope(String address) throws AddressException {
        boolean printableAscii = !address.isEmpty() && address.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (printableAscii && address.indexOf('@') == address.lastIndexOf('@')) {
            InternetAddress parsed = new InternetAddress(address, true);
            if (address.equals(parsed.getAddress()) && parsed.getPersonal() == null) {
                return parsed;
            }
        }
        throw new AddressException("Refused to send: the recipient is not an ASCII address that goes out exactly as stored");
    }
}
