package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.support.Api;
import io.latchkey.it.support.Browser;
import io.latchkey.it.support.Database;
import io.latchkey.it.support.ProviderSignIns;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Signing in through identity providers in Chromium: the SPA of the suite's own instance (its public URL is its
 * callbacks' and its SPA's: http://127.0.0.1), the provider's own login page (the suite's OpenID Connect provider),
 * and back in the SPA signed in; then a second provider connected from the account page, and disconnected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProviderBrowserTests {

    static final String SPA = Api.BASE;

    Browser browser;
    String email = "browser-" + UUID.randomUUID() + "@example.test";

    @BeforeAll
    void start() {
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The provider's login form: a subject, and the claims of its ID token. */
    private void signInAtTheProvider(String subject, String claims) {
        WebElement username = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertTrue(browser.url().startsWith(ProviderSignIns.IDP + "/"), "at the provider: " + browser.url());
        browser.screenshot("provider-login");
        username.sendKeys(subject);
        WebElement claimsField = browser.driver.findElement(By.name("claims"));
        claimsField.clear();
        claimsField.sendKeys(claims);
        browser.driver.findElement(By.cssSelector("form input[type=submit], form button[type=submit]")).click();
        // Through the callback's redirect to the SPA: only then is the page's body the SPA's to wait on.
        browser.wait.until(d -> d.getCurrentUrl().startsWith(SPA + "/"));
    }

    @Test
    @Order(1)
    void theButtonLeadsToTheProviderAndBackSignedIn() {
        browser.open(SPA + "/#/login");
        browser.awaitHeading("Sign in");
        browser.awaitText("[data-provider=other]", "Continue with Other ID");
        browser.screenshot("login-with-providers");
        browser.click("[data-provider=other]");

        signInAtTheProvider("browser-subject-" + UUID.randomUUID(),
                "{\"email\":\"" + email + "\",\"email_verified\":true,\"name\":\"Ada Federated\"}");

        browser.awaitReady();
        browser.awaitHeading("Your account");
        assertEquals(email, browser.text("#user-email"));
        assertEquals("Ada Federated", browser.text("#user-name"));
        assertTrue(browser.url().matches("http://127\\.0\\.0\\.1:\\d+/(#/account)?"), "no #sso left: " + browser.url());
        browser.awaitText("#identity-list", "Other ID");
        browser.screenshot("account-connected");
    }

    @Test
    @Order(2)
    void aSecondProviderIsConnectedFromTheAccountPageAndDisconnected() {
        browser.click("[data-link=corp]");

        signInAtTheProvider("corp-subject-" + UUID.randomUUID(),
                "{\"email\":\"ada@corp.example.test\",\"email_verified\":true}");

        browser.awaitReady();
        browser.awaitHeading("Your account");
        browser.awaitText("#connected-status", "Corp SSO is connected.");
        browser.awaitCount("#identity-list li", 2);
        assertEquals(2, Database.count("select count(*) from identities i join users u on u.id = i.user_id"
                + " where u.email = ?", email));

        browser.click("[data-provider=corp] [data-action=unlink]");
        browser.awaitText("#connected-status", "Corp SSO was disconnected.");
        browser.awaitCount("#identity-list li", 1);
        browser.screenshot("account-disconnected");
        assertEquals(1, Database.count("select count(*) from identities i join users u on u.id = i.user_id"
                + " where u.email = ? and i.provider = 'other'", email));

        // The last way in stays: its button says why.
        browser.click("[data-provider=other] [data-action=unlink]");
        browser.awaitText("#connected-status", "only way to sign in");
    }

    @Test
    @Order(3)
    void anAddressOfTheCompanysDomainIsSentToItsProviderOnceTyped() {
        browser.click("#logout");
        browser.awaitHeading("Sign in");
        browser.fill("email", "someone@corp.example.test");
        browser.driver.findElement(By.id("field-password")).click();   // leaves the email field: its change

        browser.wait.until(d -> d.getCurrentUrl().startsWith(ProviderSignIns.IDP + "/corp/"));
        assertTrue(browser.url().contains("login_hint=someone%40corp.example.test"), browser.url());
    }

    @Test
    @Order(4)
    void aProvidersRefusalIsExplainedOnTheSignInPageAndLeavesTheAddressBar() {
        browser.open(SPA + "/#sso_error=account_exists");

        browser.awaitHeading("Sign in");
        browser.awaitText("#provider-status", "This address already has an account here");
        assertEquals(SPA + "/", browser.url(), "the fragment is taken off, so a reload does not say it again");
        browser.screenshot("login-provider-refused");
    }
}
