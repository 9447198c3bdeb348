package io.latchkey.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void trimsAndLowerCasesOnlyTheDomain() {
        assertEquals(Optional.of(new EmailAddress("Ada.Lovelace@example.com")),
                EmailAddress.parse("  Ada.Lovelace@EXAMPLE.Com \t"));
    }

    @Test
    void accountsAreTheSameIgnoringCase() {
        assertEquals(EmailAddress.parse("ADA@example.com").orElseThrow().lookupKey(),
                EmailAddress.parse("ada@Example.com").orElseThrow().lookupKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada+tag@example.com", "o'brien@example.ie", "j\u00f6rg@b\u00fccher.de", "a@sub.example.co.uk",
            "x_y-z@a-b.example"})
    void acceptsCommonRealAddresses(String address) {
        assertTrue(EmailAddress.parse(address).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@example.com", "a@", "a@b", "a@.com", "a@-x.com", "a..b@example.com",
            ".a@example.com", "a b@example.com", "\"quoted\"@example.com", "a@example.com\r\nBcc: b@example.com",
            "a<b>@example.com", "a@exa mple.com", "a@@example.com"})
    void refusesWhatIsNotAnAddressOrCouldBreakAMailHeader(String text) {
        assertEquals(Optional.empty(), EmailAddress.parse(text), text);
    }

    @Test
    void refusesMoreThan254CharactersAndLocalPartsOver64() {
        String domain = "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(60) + ".com";
        assertTrue(EmailAddress.parse("a".repeat(254 - domain.length()) + domain).isPresent());
        assertEquals(Optional.empty(), EmailAddress.parse("a".repeat(255 - domain.length()) + domain));
        assertEquals(Optional.empty(), EmailAddress.parse("a".repeat(65) + "@example.com"));
    }
}
