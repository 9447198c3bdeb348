package io.latchkey.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    ProductionGuard cut = new ProductionGuard();

    ProductionGuardTest() {
        cut.issuer = "https://auth.example.com";
        cut.frontendUrl = "https://app.example.com";
        cut.smtpHost = "smtp.example.com";
        cut.smtpPort = 587;
        cut.smtpUser = Optional.empty();
        cut.cookieSameSite = "Strict";
        cut.corsOrigins = Optional.empty();
        cut.throttled = true;
        cut.trustedProxies = Optional.of("none");
        cut.dataGrid = Optional::empty;
    }

    /** Issue 28, finding 10: behind an unnamed proxy on this host, every client would be loopback. */
    @Test
    void productionRefusesToGuessWhereRequestsComeFrom() {
        cut.production = true;
        cut.trustedProxies = Optional.empty();
        assertTrue(String.join(";", cut.check()).contains("TRUSTED_PROXIES"), cut.check().toString());
        cut.trustedProxies = Optional.of("127.0.0.1");
        assertEquals(List.of(), cut.check());
        cut.trustedProxies = Optional.of("none");
        assertEquals(List.of(), cut.check());
        cut.production = false;
        cut.trustedProxies = Optional.empty();
        assertEquals(List.of(), cut.check(), "the quickstart has no proxy and is not refused");
    }

    @Test
    void quickstartDefaultsAreOnlyWarnedAboutOutsideProduction() {
        cut.issuer = "http://localhost:8080";
        cut.production = false;
        assertEquals(List.of(), cut.check());
        assertEquals(List.of(), cut.refusals());
    }

    @Test
    void productionRefusesALocalOrPlainHttpIssuer() {
        cut.production = true;
        for (String issuer : List.of("http://localhost:8080", "http://auth.example.com", "https://localhost", "::bad")) {
            cut.issuer = issuer;
            assertRefused("JWT_ISSUER");
        }
    }

    @Test
    void productionRefusesPlainHttpLinksAndTheQuickstartMailCatcher() {
        cut.production = true;
        cut.frontendUrl = "http://app.example.com";
        assertRefused("APP_FRONTEND_URL");
        cut.frontendUrl = "https://app.example.com";
        cut.smtpHost = "127.0.0.1";
        cut.smtpPort = 2525;
        assertRefused("SMTP_HOST");
        cut.smtpPort = 25;
        assertEquals(List.of(), cut.unsafeSettings(), "a local MTA is fine");
    }

    @Test
    void productionRefusesARunningDataGrid() {
        cut.production = true;
        cut.dataGrid = () -> Optional.of("/127.0.0.1:6900");
        assertRefused("data grid member listening on /127.0.0.1:6900");
    }

    @Test
    void productionRefusesSmtpCredentialsInClear() {
        cut.production = true;
        cut.smtpUser = Optional.of("latchkey");
        assertRefused("SMTP_STARTTLS");
        cut.smtpStarttls = true;
        assertEquals(List.of(), cut.unsafeSettings());
    }

    @Test
    void productionRefusesCrossSiteCookiesPlainHttpOriginsAndNoThrottles() {
        cut.production = true;
        cut.cookieSameSite = "None";
        assertRefused("COOKIE_SAME_SITE");
        cut.cookieSameSite = "Lax";
        cut.corsOrigins = Optional.of("https://app.example.com, http://app.example.com");
        assertRefused("CORS_ORIGINS lists http://app.example.com");
        assertEquals(1, cut.unsafeSettings().size(), "the https origin is fine");
        cut.corsOrigins = Optional.empty();
        cut.throttled = false;
        assertRefused("THROTTLE_ENABLED");
    }

    @Test
    void productionServesWithPublicHttpsSettings() {
        cut.production = true;
        assertEquals(List.of(), cut.refusals());
    }

    private void assertRefused(String finding) {
        List<String> refusals = cut.check();
        assertTrue(refusals.stream().anyMatch(r -> r.contains(finding)), finding + " in " + refusals);
    }

    @Test
    void theDecisionIsMadeOnceAndKept() {
        cut.production = true;
        cut.throttled = false;
        List<String> first = cut.refusals();
        cut.throttled = true;
        assertEquals(first, cut.refusals());
        assertEquals(1, first.size());
    }
}
