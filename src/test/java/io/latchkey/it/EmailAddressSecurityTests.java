package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14.2: an address that looks like another is that other address or is refused, and mail goes exactly to
 * the stored address. {@code ｃᵒｒᵖ.ｔｅｓｔ} went out as {@code CRRV.TEST} before: an attacker verified an
 * account that looked like {@code ceo@corp.test}.
 */
abstract class EmailAddressSecurityTests {

    static final String LOOKALIKE_CORP_TEST = "\uff43\u1d52\uff52\u1d56.\uff54\uff45\uff53\uff54";

    @Test
    @DisplayName("Issue 14.2: a fullwidth lookalike of an existing address is that account, not a new one")
    void aLookalikeOfAnExistingAddressIsThatAccount() {
        String local = "ceo-" + UUID.randomUUID();
        String id = Users.register(local + "@corp.test").getString("id");

        assertInvalid(Api.post(Paths.REGISTER, json("name", "Mallory", "email", local + "@" + LOOKALIKE_CORP_TEST,
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD)), "email");
        assertEquals(id, Users.login(local + "@" + LOOKALIKE_CORP_TEST, Users.PASSWORD).getJsonObject("user").getString("id"));
        assertEquals(1, Database.count("select count(*) from users where email like ?", local + "@%"));
    }

    @Test
    @DisplayName("Issue 14.2: a lookalike address is stored and mailed as the address it looks like")
    void aLookalikeIsMailedToTheAddressItLooksLike() {
        String local = "x-" + UUID.randomUUID();

        String stored = Users.register(local + "@" + LOOKALIKE_CORP_TEST).getString("email");

        assertEquals(local + "@corp.test", stored);
        Mailbox.await(stored, 1);
        assertTrue(Mailbox.deliveredTo(local + "@corp.test"), "the envelope names the stored address");
        assertTrue(!Mailbox.deliveredTo(local + "@crrv.test"), "nothing reached the attacker's domain");
    }

    @Test
    @DisplayName("Issue 14.2: an international domain is stored and mailed in its ASCII form")
    void internationalDomainsAreMailedInTheirAsciiForm() {
        String local = "idn-" + UUID.randomUUID();
        assertEquals(local + "@xn--bcher-kva.test", Users.register(local + "@b\u00fccher.test").getString("email"));
        Mailbox.await(local + "@xn--bcher-kva.test", 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@p\u0430ypal.test", "a@xn--pypal-4ve.test", "j\u00f6rg@example.test",
            "a\u0007b@example.test", "a@exa\u200bmple.test"})
    @DisplayName("Issue 14.2: mixed-script domains, non-ASCII local parts and invisible characters are refused")
    void unsafeAddressesAreRefused(String address) {
        assertInvalid(Api.post(Paths.REGISTER, json("name", "N", "email", address,
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD)), "email");
        assertEquals(0, Database.count("select count(*) from users where email = ?", address));
    }

    @Test
    @DisplayName("Issue 14.2: the mail sender refuses an envelope address that is not exactly the stored one, at once")
    void theSenderRefusesAddressesItCannotSendExactly() {
        String local = "raw-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Database.update("insert into outbox_mails (id, recipient, subject, text_body, html_body, created_at,"
                + " next_attempt_at, attempts) values (?::uuid, ?, 'Hello', 'text', '<p>html</p>', now(), now(), 0)",
                id, local + "@" + LOOKALIKE_CORP_TEST);

        Await.until(() -> Database.count("select count(*) from outbox_mails where id = ?::uuid"
                + " and failed_at is not null and attempts = 1 and last_error like 'Refused to send%'", id) == 1,
                "the mail is given up at its first attempt");
        Mailbox.sleep(java.time.Duration.ofSeconds(2));
        assertTrue(!Mailbox.deliveredTo(local + "@crrv.test") && !Mailbox.deliveredTo(local + "@corp.test"));
    }
}
