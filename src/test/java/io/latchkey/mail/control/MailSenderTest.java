package io.latchkey.mail.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.latchkey.mail.entity.Mail;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real SMTP server (GreenMail, on a free loopback port). */
class MailSenderTest {

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final MailSender cut = new MailSender();

    @BeforeEach
    void start() {
        smtp.start();
        cut.clock = Clock.systemUTC();
        cut.host = "127.0.0.1";
        cut.port = smtp.getSmtp().getPort();
        cut.user = Optional.empty();
        cut.password = Optional.empty();
        cut.from = "Latchkey <no-reply@auth.example.test>";
        cut.init();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    /** An outbox mail sent again (its sending was not recorded) is the same message to the mailbox. */
    @Test
    void everyAttemptAtOneOutboxMailCarriesTheSameMessageId() throws Exception {
        UUID outboxId = UUID.randomUUID();
        Mail mail = new Mail("ada@example.test", "Verify your email address", "text", "<p>html</p>");

        cut.send(mail, outboxId);
        cut.send(mail, outboxId);
        cut.send(mail, UUID.randomUUID());

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(3, received.length);
        String expected = "<" + outboxId + "@auth.example.test>";
        assertEquals(Arrays.asList(expected, expected), Arrays.asList(received[0].getMessageID(), received[1].getMessageID()));
        assertEquals(false, expected.equals(received[2].getMessageID()), "another outbox mail, another message");
    }
}
