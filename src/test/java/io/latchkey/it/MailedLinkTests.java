package io.latchkey.it;

import io.latchkey.it.support.*;
import static io.latchkey.it.support.Api.json;
import static io.latchkey.it.support.Problems.assertInvalid;
import static io.latchkey.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Links a mail scanner cannot spend: opening any mailed link with GET or HEAD changes nothing. */
abstract class MailedLinkTests {

    @Test
    void openingAMailedLinkWithGetOrHeadChangesNothing() {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        String verify = Mailbox.token(email, 1, Paths.VERIFY_LINK);
        Api.post(Paths.RESET, json("email", email));
        String reset = Mailbox.token(email, 2, Paths.RESET_LINK);
        Api.post(Paths.LOGIN_EMAIL, json("email", email));
        String signIn = Mailbox.token(email, 3, Paths.EMAIL_LOGIN_LINK);
        String fresh = Users.newEmail();
        Api.post(Paths.EMAIL, token, json("email", fresh, "current_password", Users.PASSWORD));
        String confirm = Mailbox.token(fresh, 1, Paths.EMAIL_CONFIRM_LINK);
        Map<String, String> links = Map.of(Paths.VERIFY_LINK, verify, Paths.RESET_LINK, reset,
                Paths.EMAIL_LOGIN_LINK, signIn, Paths.EMAIL_CONFIRM_LINK, confirm);
        String before = state(email);

        for (Map.Entry<String, String> link : links.entrySet()) {
            for (String method : List.of("GET", "HEAD")) {
                Api.Reply opened = Api.send(Api.request(link.getKey() + "?token=" + link.getValue())
                        .method(method, HttpRequest.BodyPublishers.noBody()));
                assertEquals(200, opened.status(), method + " " + link.getKey());
                assertTrue(opened.contentType().startsWith("text/html"), opened.contentType());
            }
        }

        assertEquals(before, state(email), "nothing spent, verified, changed or signed in");
        assertEquals(200, Api.patch(Paths.VERIFY, json("token", verify)).status());
        assertEquals(200, Api.post(Paths.LOGIN_EMAIL_VERIFY, json("token", signIn)).status());
        assertEquals(200, Api.post(Paths.EMAIL_CONFIRM, json("token", confirm)).status());
        String undo = Mailbox.newest(email, EmailChangeTests.CHANGED_SUBJECT).token(Paths.EMAIL_UNDO_LINK);
        for (String method : List.of("GET", "HEAD")) {
            assertEquals(200, Api.send(Api.request(Paths.EMAIL_UNDO_LINK + "?token=" + undo)
                    .method(method, HttpRequest.BodyPublishers.noBody())).status());
        }
        assertEquals(fresh, Database.value("select email from users where lower(email) = lower(?)", fresh).orElseThrow());
        assertEquals(200, Api.post(Paths.EMAIL_UNDO, json("token", undo)).status());
        // The reset link was mailed to the old address; the undo mailed a newer one, the only one that works now.
        assertEquals(400, Api.patch(Paths.UPDATE, json("token", reset, "password", "a new long pass phrase",
                "confirm_password", "a new long pass phrase")).status());
        String newest = Mailbox.nth(email, "Reset your password", 2).token(Paths.RESET_LINK);
        for (String method : List.of("GET", "HEAD")) {
            assertEquals(200, Api.send(Api.request(Paths.RESET_LINK + "?token=" + newest)
                    .method(method, HttpRequest.BodyPublishers.noBody())).status());
        }
        assertEquals(200, Api.patch(Paths.UPDATE, json("token", newest, "password", "a new long pass phrase",
                "confirm_password", "a new long pass phrase")).status());
    }

    /** What spending any mailed link would change: the account, its tokens, its sessions. */
    static String state(String email) {
        return Database.value("select u.email || '|' || coalesce(u.email_verified_at::text, '-') || '|' || u.password_hash"
                + " || '|' || (select count(*) from sessions s where s.user_id = u.id)"
                + " || '|' || (select count(*) from action_tokens t where t.user_id = u.id and t.used_at is not null)"
                + " from users u where u.email = ?", email).orElseThrow();
    }
}
