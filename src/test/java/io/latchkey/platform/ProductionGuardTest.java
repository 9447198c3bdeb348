package io.latchkey.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    ProductionGuard cut = new ProductionGuard();

    ProductionGuardTest() {
        cut.issuer = "https://auth.example.com";
        cut.frontendUrl = "https://app.example.com";
        cut.smtpHost = "smtp.example.com";
        cut.smtpPort = 587;
    }

    @Test
    void quickstartDefaultsAreOnlyWarnedAboutOutsideProduction() {
        cut.issuer = "http://localhost:8080";
        cut.production = false;
        assertDoesNotThrow(cut::check);
    }

    @Test
    void productionRefusesToStartWithALocalOrPlainHttpIssuer() {
        cut.production = true;
        for (String issuer : List.of("http://localhost:8080", "http://auth.example.com", "https://localhost", "::bad")) {
            cut.issuer = issuer;
            IllegalStateException refusal = assertThrows(IllegalStateException.class, cut::check, issuer);
            assertTrue(refusal.getMessage().contains("JWT_ISSUER"), refusal.getMessage());
        }
    }

    @Test
    void productionRefusesPlainHttpLinksAndTheQuickstartMailCatcher() {
        cut.production = true;
        cut.frontendUrl = "http://app.example.com";
        assertTrue(assertThrows(IllegalStateException.class, cut::check).getMessage().contains("APP_FRONTEND_URL"));
        cut.frontendUrl = "https://app.example.com";
        cut.smtpHost = "127.0.0.1";
        cut.smtpPort = 2525;
        assertTrue(assertThrows(IllegalStateException.class, cut::check).getMessage().contains("SMTP_HOST"));
        cut.smtpPort = 25;
        assertDoesNotThrow(cut::check, "a local MTA is fine");
    }

    @Test
    void productionStartsWithPublicHttpsSettings() {
        cut.production = true;
        assertEquals(List.of(), cut.unsafeSettings());
        assertDoesNotThrow(cut::check);
    }
}
