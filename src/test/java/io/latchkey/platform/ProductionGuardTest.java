package io.latchkey.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    ProductionGuard cut = new ProductionGuard();

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
    void productionStartsWithPublicHttpsSettings() {
        cut.production = true;
        cut.issuer = "https://auth.example.com";
        assertEquals(List.of(), cut.unsafeSettings());
        assertDoesNotThrow(cut::check);
    }
}
