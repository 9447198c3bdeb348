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

/** The profile: name, language of mails, new-device notices, and mails in the user's language. */
abstract class ProfileTests {

    static final String NEW_DEVICE_SUBJECT = "A new sign-in to your account";

    @Test
    void theProfileChangesItsNameLanguageAndNoticeAndRefusesBadValuesWithoutChangingAnything() {
        String email = Users.newUser();
        String token = Users.login(email, Users.PASSWORD).getString("token");
        JsonObject before = Users.me(token);
        assertEquals("en", before.getString("locale"));
        assertTrue(before.getBoolean("new_device_notice"));

        assertInvalid(Api.patch(Paths.ME, token, json("name", "")), "name");
        assertInvalid(Api.patch(Paths.ME, token, json("name", "x".repeat(101))), "name");
        assertInvalid(Api.patch(Paths.ME, token, json("name", "Ada\u0007")), "name");
        assertInvalid(Api.patch(Paths.ME, token, json("name", "Ada", "locale", "xx")), "locale");
        assertInvalid(Api.patch(Paths.ME, token, json("new_device_notice", "no")), "new_device_notice");
        assertInvalid(Api.patch(Paths.ME, token, json("nickname", "Ada")), "name");
        assertEquals(before, Users.me(token));
        assertProblem(Api.patch(Paths.ME, json("name", "Ada")), 401);

        Api.Reply changed = Api.send(Api.request(Paths.ME).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"  Ada Lovelace \",\"locale\":\"de\",\"new_device_notice\":false}")));

        assertEquals(200, changed.status(), changed.text());
        JsonObject user = changed.json().getJsonObject("user");
        assertEquals("Ada Lovelace", user.getString("name"));
        assertEquals("de", user.getString("locale"));
        assertFalse(user.getBoolean("new_device_notice"));
        assertEquals(user, Users.me(token));
    }

    @Test
    void aGermanBrowserGetsGermanMailsUntilTheUserChoosesEnglish() {
        String email = Users.newEmail();
        Api.Reply registered = Api.send(Api.request(Paths.REGISTER).header("Content-Type", "application/json")
                .header("Accept-Language", "de-AT, de;q=0.9, en;q=0.5")
                .POST(HttpRequest.BodyPublishers.ofString(json("name", "Grete", "email", email, "password",
                        Users.PASSWORD, "confirm_password", Users.PASSWORD).build().toString())));
        assertEquals(201, registered.status(), registered.text());
        Mailbox.Received verification = Mailbox.last(email, 1);
        assertEquals("Bestätigen Sie Ihre E-Mail-Adresse", verification.subject());
        assertTrue(verification.text().startsWith("Hallo Grete,"), verification.text());
        assertTrue(verification.html().contains("<html lang=\"de\">"));
        String token = Users.login(email, Users.PASSWORD).getString("token");
        assertEquals("de", Users.me(token).getString("locale"));

        assertEquals(200, Api.patch(Paths.ME, token, json("locale", "en")).status());
        Api.post(Paths.RESET, json("email", email));

        assertEquals("Reset your password", Mailbox.last(email, 2).subject());
    }

    @Test
    void aSignInFromANewDeviceOrAddressIsToldOnceAndOnlyToThoseWhoWantIt() {
        String email = Users.newUser();
        Users.login(email, Users.PASSWORD);
        Users.login(email, Users.PASSWORD);
        Mailbox.assertNoMore(email, 1); // the first sign-in, and again from the same place: nothing new

        String elsewhere = "2001:db8:19::" + Integer.toHexString((int) (Math.random() * 0xffff));
        Api.actAs(elsewhere);
        String firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assertEquals(200, Api.send(Api.request(Paths.LOGIN).header("Content-Type", "application/json")
                .header("User-Agent", firefox).POST(HttpRequest.BodyPublishers.ofString(
                        json("email", email, "password", Users.PASSWORD).build().toString()))).status());

        Mailbox.Received notice = Mailbox.titled(email, 2, NEW_DEVICE_SUBJECT);
        assertTrue(notice.text().contains("Device: Firefox on Windows"), notice.text());
        assertTrue(notice.text().contains("Address: " + elsewhere), notice.text());
        assertTrue(notice.text().contains(Api.BASE + "/#/account"), notice.text());
        assertEquals(200, Api.send(Api.request(Paths.LOGIN).header("Content-Type", "application/json")
                .header("User-Agent", firefox).POST(HttpRequest.BodyPublishers.ofString(
                        json("email", email, "password", Users.PASSWORD).build().toString()))).status());
        Mailbox.assertNoMore(email, 2);

        String token = Users.login(email, Users.PASSWORD).getString("token");
        Mailbox.assertNoMore(email, 2); // this client and this address are both known by now
        JsonObject sessions = Api.get(Paths.SESSIONS, token).json();
        assertTrue(sessions.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> s.getString("device").equals("Firefox on Windows")), sessions.toString());
        Api.Reply off = Api.send(Api.request(Paths.ME).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method("PATCH",
                        HttpRequest.BodyPublishers.ofString("{\"new_device_notice\":false}")));
        assertEquals(200, off.status(), off.text());
        Api.actAs(Api.freshClientAddress());
        Users.login(email, Users.PASSWORD);
        Mailbox.assertNoMore(email, 2);
    }
}
