package io.latchkey.it;

import io.latchkey.it.support.*;

import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.firstMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST /api/v1/register/user: API.md endpoint 1. */
abstract class RegistrationTests {

    @Test
    void createsTheAccountAndAnswersWithExactlyTheUserFields() {
        String email = Users.newEmail();
        Api.Reply reply = Api.post(Paths.REGISTER, json("name", "  Ada Lovelace  ", "email", "  " + email.replace("example.test", "EXAMPLE.Test") + " ",
                "password", Users.PASSWORD, "confirm_password", Users.PASSWORD));

        assertEquals(201, reply.status(), reply.text());
        JsonObject body = reply.json();
        assertEquals("User created successfully!", body.getString("message"));
        JsonObject user = body.getJsonObject("user");
        assertEquals(Set.of("id", "name", "email", "email_verified_at"), user.keySet());
        assertEquals("Ada Lovelace", user.getString("name"));
        assertEquals(email, user.getString("email"), "trimmed, domain lower-cased");
        assertTrue(Problems.isNull(user, "email_verified_at"));
        String hash = Database.value("select password_hash from users where id = ?::uuid", user.getString("id")).orElseThrow();
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(!reply.text().contains("argon2"), "no hash in the response");
    }

    @Test
    void refusesEveryInvalidFieldAtOnceAndStoresNothing() {
        String email = "not-an-address";
        Api.Reply reply = Api.post(Paths.REGISTER, json("name", "   ", "email", email, "password", "short", "confirm_password", "other"));

        JsonObject problem = assertInvalid(reply, "name", "email", "password", "confirm_password");
        assertEquals("Name is required", firstMessage(problem, "name"));
        assertEquals(0, Database.count("select count(*) from users where email = ?", email));
    }

    @Test
    void refusesMissingFields() {
        assertInvalid(Api.post(Paths.REGISTER, json()), "name", "email", "password");
    }

    @Test
    void refusesANameOver100CharactersOrWithControlCharacters() {
        assertInvalid(Users.registration("x".repeat(101), Users.newEmail(), Users.PASSWORD), "name");
        assertInvalid(Users.registration("Bob\r\nBcc: victim@example.test", Users.newEmail(), Users.PASSWORD), "name");
        assertEquals(201, Users.registration("\u6f22\u5b57 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 " + "x".repeat(89), Users.newEmail(), Users.PASSWORD).status(),
                "any script, 100 characters");
    }

    @Test
    void refusesInvalidAndOverlongEmails() {
        for (String bad : List.of("plain", "a@b", "a b@example.test", "a@@example.test", "<a>@example.test",
                "a@example.test\r\nBcc: x@example.test", "x".repeat(250) + "@example.test")) {
            assertInvalid(Users.registration("Name", bad, Users.PASSWORD), "email");
        }
    }

    @Test
    void refusesATakenEmailWhateverItsCase() {
        String email = Users.newEmail();
        Users.register(email);

        JsonObject problem = assertInvalid(Users.registration("Other", email.toUpperCase(), Users.PASSWORD), "email");
        assertEquals("Email is already taken!", firstMessage(problem, "email"));
        assertEquals(1, Database.count("select count(*) from users where lower(email) = lower(?)", email));
    }

    @Test
    void acceptsAFormBody() {
        String email = Users.newEmail();
        String form = "name=Form+User&email=" + email.replace("@", "%40") + "&password=" + Users.PASSWORD.replace(" ", "+")
                + "&confirm_password=" + Users.PASSWORD.replace(" ", "%20");
        Api.Reply reply = Api.post(Paths.REGISTER, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, reply.status(), reply.text());
        assertEquals("Form User", reply.json().getJsonObject("user").getString("name"));
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneAccount() throws Exception {
        String email = Users.newEmail();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return Users.registration("Racer", email, Users.PASSWORD).status();
            }));
        }
        start.countDown();
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            results.add(status.get());
        }
        pool.shutdown();

        assertEquals(1, results.stream().filter(s -> s == 201).count(), results.toString());
        assertEquals(racers - 1, results.stream().filter(s -> s == 422).count(), results.toString());
        assertEquals(1, Database.count("select count(*) from users where lower(email) = lower(?)", email));
    }
}
