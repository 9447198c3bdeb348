package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The transactional outbox: an SMTP outage delays mail, loses none, sends none twice, and gives up visibly. */
abstract class OutboxTests {

    @Test
    void mailQueuedWhileSmtpIsDownIsDeliveredExactlyOnceWhenItIsBack() {
        String resetting = Users.newEmail();
        Users.register(resetting);
        Mailbox.await(resetting, 1);
        String registering = Users.newEmail();

        TestServices.stopMail();
        try {
            long start = System.nanoTime();
            Users.register(registering);
            assertEquals(200, Api.post(Paths.RESET, json("email", resetting)).status());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000, "the API does not wait for SMTP");
            Await.until(() -> Database.count("select count(*) from outbox_mails where recipient in (?, ?)"
                    + " and attempts >= 1 and sent_at is null and last_error is not null", registering, resetting) == 2,
                    "both mails tried and failed while SMTP is down");
        } finally {
            TestServices.startMail();
        }

        assertEquals("Verify your email address", Mailbox.last(registering, 1).subject());
        assertEquals("Reset your password", Mailbox.last(resetting, 1).subject());
        Mailbox.assertNoMore(registering, 1);
        Mailbox.assertNoMore(resetting, 1);
        assertEquals(0, Database.count("select count(*) from outbox_mails where recipient in (?, ?) and sent_at is null",
                registering, resetting));
    }

    @Test
    void aMailThatKeepsFailingStopsAfterTheLastAttemptAndStaysVisible() {
        String recipient = Users.newEmail();
        UUID id = UUID.randomUUID();
        TestServices.stopMail();
        try {
            Database.update("insert into outbox_mails (id, recipient, subject, text_body, html_body, created_at,"
                    + " next_attempt_at, attempts) values (?::uuid, ?, 'Doomed', 'text', '<p>html</p>', now(), now(), 9)",
                    id.toString(), recipient);
            Await.until(() -> Database.count("select count(*) from outbox_mails where id = ?::uuid and failed_at is not null",
                    id.toString()) == 1, "the tenth failure is the last");
        } finally {
            TestServices.startMail();
        }
        assertEquals("10", Database.value("select attempts from outbox_mails where id = ?::uuid", id.toString()).orElseThrow());
        assertTrue(Database.value("select last_error from outbox_mails where id = ?::uuid", id.toString()).orElseThrow()
                .contains("Connect"), "the reason is kept");
        Mailbox.assertNoMore(recipient, 0);
    }
}
