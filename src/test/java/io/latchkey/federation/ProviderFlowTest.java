package io.latchkey.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.federation.entity.ProviderFlow;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of a flow: once per step, its own browser and provider, ten minutes, and where it may lead back. */
class ProviderFlowTest {

    static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void aCallbackIsTakenOnceAtItsProviderInItsBrowserInTime() {
        ProviderFlow.Secrets secrets = ProviderFlow.Secrets.random();
        ProviderFlow flow = ProviderFlow.start("corp", secrets, "/", null, NOW);

        assertEquals(Optional.of(ProviderFlow.Refusal.INVALID), flow.callBack("other", secrets.browser(), NOW));
        assertEquals(Optional.of(ProviderFlow.Refusal.INVALID), flow.callBack("corp", "another", NOW));
        assertEquals(Optional.of(ProviderFlow.Refusal.INVALID), flow.callBack("corp", null, NOW));
        assertEquals(Optional.empty(), flow.callBack("corp", secrets.browser(), NOW.plusSeconds(599)));
        assertEquals(Optional.of(ProviderFlow.Refusal.INVALID), flow.callBack("corp", secrets.browser(), NOW),
                "a replay");

        ProviderFlow late = ProviderFlow.start("corp", secrets, "/", null, NOW);
        assertEquals(Optional.of(ProviderFlow.Refusal.EXPIRED), late.callBack("corp", secrets.browser(),
                NOW.plus(ProviderFlow.LIFETIME)));
    }

    @Test
    void aCompletionIsGoodOnceInItsBrowserAfterTheProviderSaidWho() {
        ProviderFlow.Secrets secrets = ProviderFlow.Secrets.random();
        ProviderFlow flow = ProviderFlow.start("corp", secrets, "/", null, NOW);
        assertEquals(Optional.of(ProviderFlow.Refusal.INVALID), flow.complete(secrets.browser(), NOW),
                "nobody signed in yet");
        UUID user = UUID.randomUUID();
        String completion = flow.concluded(user, List.of("fed"));

        assertTrue(completion.length() >= 43);
        assertEquals(Optional.of(ProviderFlow.Refusal.INVALID), flow.complete("another", NOW));
        assertEquals(Optional.empty(), flow.complete(secrets.browser(), NOW));
        assertEquals(Optional.of(ProviderFlow.Refusal.INVALID), flow.complete(secrets.browser(), NOW));
        assertEquals(Optional.of(user), flow.userId());
        assertEquals(List.of("fed"), flow.amr());
    }

    @Test
    void theNonceAndTheVerifierComeFromTheBrowsersSecretAndTheChallengeIsS256() throws Exception {
        ProviderFlow.Secrets secrets = ProviderFlow.Secrets.random();
        ProviderFlow.Secrets again = new ProviderFlow.Secrets(secrets.browser(), "another state");

        assertEquals(secrets.nonce(), again.nonce());
        assertEquals(secrets.codeVerifier(), again.codeVerifier());
        assertNotEquals(secrets.nonce(), secrets.codeVerifier());
        assertNotEquals(secrets.nonce(), ProviderFlow.Secrets.random().nonce());
        assertTrue(secrets.codeVerifier().matches("[A-Za-z0-9_-]{43,128}"), "RFC 7636's verifier alphabet");
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(secrets.codeVerifier().getBytes(StandardCharsets.US_ASCII))), secrets.codeChallenge());
    }

    @Test
    void returnToIsAPathOfTheSpaAndNothingElse() {
        assertEquals(Optional.of("/"), ProviderFlow.returnTo(null));
        assertEquals(Optional.of("/"), ProviderFlow.returnTo(""));
        for (String good : List.of("/", "/account", "/account?tab=security&x=%2F", "/a/b;c=d:e@f")) {
            assertEquals(Optional.of(good), ProviderFlow.returnTo(good), good);
        }
        for (String bad : List.of("https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil",
                "javascript:alert(1)", "account", "/a#b", "/a b", "/a\nb", "/%zz", "/\u00e9", "/" + "x".repeat(512))) {
            assertEquals(Optional.empty(), ProviderFlow.returnTo(bad), bad);
        }
    }
}
