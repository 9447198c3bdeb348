package io.latchkey.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.federation.control.IdTokenCheck;
import io.latchkey.federation.control.Provider;
import io.latchkey.federation.control.ProviderAccount;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GitHub's answers as its REST API documents them: who, and which address counts. */
class GitHubAccountTest {

    static JsonObject user(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static JsonArray emails(String json) {
        return Json.createReader(new StringReader(json)).readArray();
    }

    @Test
    void theNumericIdIsTheSubjectAndOnlyThePrimaryVerifiedAddressCounts() throws Exception {
        ProviderAccount account = Provider.githubAccount(user("{\"login\":\"octocat\",\"id\":583231,"
                + "\"name\":\"The Octocat\",\"email\":\"public@example.test\"}"), emails("[{\"email\":\"old@example.test\","
                + "\"primary\":false,\"verified\":true},{\"email\":\"octo@example.test\",\"primary\":true,\"verified\":true,"
                + "\"visibility\":\"private\"}]"));

        assertEquals("583231", account.subject());
        assertEquals(Optional.of("octo@example.test"), account.email(), "not the public profile's address");
        assertTrue(account.emailVerified());
        assertEquals(Optional.of("The Octocat"), account.name());
    }

    @Test
    void anUnverifiedPrimaryAddressOrNoListIsNoAddress() throws Exception {
        ProviderAccount unverified = Provider.githubAccount(user("{\"login\":\"octocat\",\"id\":1,\"name\":null}"),
                emails("[{\"email\":\"octo@example.test\",\"primary\":true,\"verified\":false}]"));
        assertEquals(Optional.empty(), unverified.email());
        assertFalse(unverified.emailVerified());
        assertEquals(Optional.of("octocat"), unverified.name(), "the login when there is no name");

        assertEquals(Optional.empty(), Provider.githubAccount(user("{\"id\":1}"), null).email(),
                "no user:email scope granted");
        assertThrows(IdTokenCheck.Refused.class, () -> Provider.githubAccount(user("{\"login\":\"x\"}"), null));
        assertThrows(IdTokenCheck.Refused.class, () -> Provider.githubAccount(user("{\"id\":\"1\"}"), null));
    }
}
