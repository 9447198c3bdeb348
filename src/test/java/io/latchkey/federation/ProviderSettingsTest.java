package io.latchkey.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.federation.control.ProviderSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** IDENTITY_PROVIDERS and IDP_<ID>_*: every mistake named, defaults as docs/CONFIGURATION.md says. */
class ProviderSettingsTest {

    static ProviderSettings.Read read(String id, Map<String, String> settings, boolean production) {
        return ProviderSettings.read(id, name -> Optional.ofNullable(settings.get(name)), production);
    }

    @Test
    void idsAreLowerCaseNamesEachOnce() {
        List<String> problems = new ArrayList<>();
        assertEquals(List.of("google", "corp2"), ProviderSettings.ids(Optional.of(" google, corp2,,Bad-Id,google"),
                problems));
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(List.of(), ProviderSettings.ids(Optional.empty(), problems));
    }

    @Test
    void anOpenIdConnectProviderNeedsAnIssuerAClientAndOneCredential() {
        ProviderSettings.Read good = read("corp", Map.of("idp.corp.issuer", "https://login.example.com/tenant",
                "idp.corp.client.id", "app", "idp.corp.client.secret", "s3cret", "idp.corp.domains",
                "Example.com, example.org", "idp.corp.link.by.email", "TRUE"), true);

        assertEquals(List.of(), good.problems());
        ProviderSettings settings = good.settings().orElseThrow();
        assertEquals(ProviderSettings.Type.OIDC, settings.type());
        assertEquals("Corp", settings.name());
        assertEquals(List.of("openid", "email", "profile"), settings.scopes());
        assertEquals(Set.of("example.com", "example.org"), settings.domains());
        assertTrue(settings.owns("EXAMPLE.com"));
        assertTrue(settings.linkByEmail());
        assertFalse(settings.trustMfa());
        assertEquals(URI.create("https://auth.example.com/api/v1/auth/providers/corp/callback"),
                settings.redirectUri("https://auth.example.com/"));
        assertFalse(settings.toString().contains("s3cret"), "no secret in a log line");

        ProviderSettings.Read bad = read("corp", Map.of("idp.corp.type", "saml", "idp.corp.scopes", "email",
                "idp.corp.domains", "not a domain", "idp.corp.trust.mfa", "yes"), false);
        assertTrue(bad.settings().isEmpty());
        assertEquals(7, bad.problems().size(), bad.problems().toString());
        assertTrue(bad.problems().stream().allMatch(p -> p.startsWith("IDP_CORP_")), bad.problems().toString());

        assertEquals(1, read("corp", Map.of("idp.corp.issuer", "https://x.example", "idp.corp.client.id", "a",
                "idp.corp.client.secret", "s", "idp.corp.private.key", "k"), false).problems().size(), "not both");
    }

    @Test
    void productionModeRefusesAPlainHttpIssuer() {
        Map<String, String> plain = Map.of("idp.corp.issuer", "http://127.0.0.1:9/corp", "idp.corp.client.id", "a",
                "idp.corp.client.secret", "s");

        assertEquals(List.of(), read("corp", plain, false).problems());
        assertEquals(List.of("IDP_CORP_ISSUER must be https in production mode"), read("corp", plain, true).problems());
        assertEquals(1, read("corp", Map.of("idp.corp.issuer", "https://x.example/?q=1", "idp.corp.client.id", "a",
                "idp.corp.client.secret", "s"), false).problems().size(), "no query in an issuer");
    }

    @Test
    void gitHubNeedsNoIssuerAndAsksForTheAddresses() {
        ProviderSettings settings = read("github", Map.of("idp.github.type", "github", "idp.github.client.id", "a",
                "idp.github.client.secret", "s"), true).settings().orElseThrow();

        assertEquals(URI.create("https://github.com"), settings.issuer());
        assertEquals(URI.create("https://api.github.com"), settings.apiUrl());
        assertEquals(List.of("read:user", "user:email"), settings.scopes());
    }
}
