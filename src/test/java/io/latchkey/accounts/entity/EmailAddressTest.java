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
    @ValueSource(strings = {"ada+tag@example.com", "o'brien@example.ie", "joerg@b\u00fccher.de", "a@sub.example.co.uk",
            "x_y-z@a-b.example", "a@xn--bcher-kva.de", "info@\u6771\u4eac\u3068\u3046\u304d\u3087\u3046.jp"})
    void acceptsCommonRealAddresses(String address) {
        assertTrue(EmailAddress.parse(address).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@example.com", "a@", "a@b", "a@.com", "a@-x.com", "a..b@example.com",
            ".a@example.com", "a b@example.com", "\"quoted\"@example.com", "a@example.com\r\nBcc: b@example.com",
            "a<b>@example.com", "a@exa mple.com", "a@@example.com", "a@example.com.", "a@exam\u0000ple.com",
            "a@exam\u200bple.com"})
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

    @Test
    void compatibilityFormsAreTheAddressTheyLookLike() {
        // Fullwidth letters and modifier letters, as an attacker typed them to get ceo@CRRV.TEST on the envelope.
        assertEquals(Optional.of(new EmailAddress("ceo@corp.test")),
                EmailAddress.parse("ceo@\uff43\u1d52\uff52\u1d56.\uff54\uff45\uff53\uff54"));
        assertEquals(Optional.of(new EmailAddress("ceo@corp.test")), EmailAddress.parse("\uff43\uff45\uff4f@corp\uff0etest"));
    }

    @Test
    void internationalDomainsAreStoredInTheirAsciiForm() {
        assertEquals(Optional.of(new EmailAddress("a@xn--bcher-kva.de")), EmailAddress.parse("a@B\u00fcCHER.de"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"j\u00f6rg@example.com", "\u0430dmin@example.com", "\u7528\u6237@example.cn"})
    void refusesNonAsciiLocalPartsThatCannotBeSentFaithfullyWithoutSmtputf8(String address) {
        assertEquals(Optional.empty(), EmailAddress.parse(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@p\u0430ypal.com", "a@xn--pypal-4ve.com", "a@g\u03bfogle.com", "a@\u0430\u0440\u0440le.com"})
    void refusesDomainLabelsThatMixScripts(String address) {
        assertEquals(Optional.empty(), EmailAddress.parse(address), address);
    }
}
