package io.latchkey.it;

import io.latchkey.it.support.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * The SPA in a real browser (issue 6), against the second instance restarted with 10-second access tokens so that
 * silent refreshes can be watched, and with mail links pointing at it. One user walks through every flow, in
 * order: each test goes on from where the last one left the browser. Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserTests {

    static final String SPA = "http://localhost:" + SecondInstance.PORT;
    static final String PASSWORD = "a browser pass phrase";
    static final String NEW_PASSWORD = "another browser pass phrase";

    /**
     * The SPA's instance: access tokens of 10 s (the SPA refreshes every 8), and, as a browser takes no IP address as
     * an RP ID, the SPA at localhost, a secure context over HTTP. The browser has no address of its own: 127.0.0.1,
     * which the suite's other clients share too.
     */
    static final Map<String, String> SETTINGS = Map.of("ACCESS_TOKEN_TTL", "PT10S", "APP_FRONTEND_URL", SPA,
            "WEBAUTHN_RP_ID", "localhost", "WEBAUTHN_ORIGINS", SPA, "THROTTLE_LOGIN_IP_LIMIT", "1000",
            "EMAIL_LOGIN_ENABLED", "true");

    Browser browser;
    String email;
    Authenticator app;
    List<String> recoveryCodes;
    VirtualAuthenticator authenticator;

    @BeforeAll
    void start() {
        browser = Browser.start();
        SecondInstance.restart(SETTINGS);
        email = Users.newEmail();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        SecondInstance.stopShared(); // whoever needs it next gets it with the suite's settings
    }

    @Test
    @Order(1)
    void registerAndVerifyFromTheRealMail() {
        browser.open(SPA + "/#/register");
        browser.awaitHeading("Create an account");
        browser.fill("name", "Grace Hopper");
        browser.fill("email", email);
        browser.fill("password", "short");
        browser.fill("confirm_password", "short");
        browser.submit();
        assertEquals("Password must be at least 8 characters long", browser.text("[data-error-for=password]"),
                "the API's message next to its field");
        browser.screenshot("register-errors");
        browser.fill("password", PASSWORD);
        browser.fill("confirm_password", PASSWORD);
        browser.submit();
        browser.awaitHeading("Check your email");
        browser.screenshot("check-email");

        String link = link(Mailbox.last(email, 1).text(), "/verify/email/");
        browser.open(link);
        browser.awaitHeading("Verify your email");
        assertEquals(0, Database.count("select count(*) from users where email = ? and email_verified_at is not null", email),
                "opening the link, as a mail scanner does, verifies nothing");
        browser.screenshot("verify-email");
        browser.click("#confirm-link");
        browser.awaitHeading("Email verified");
        browser.screenshot("email-verified");
        assertEquals(1, Database.count("select count(*) from users where email = ? and email_verified_at is not null", email));
    }

    @Test
    @Order(2)
    void signInStaySignedInAcrossAReloadAndRefreshSilently() {
        browser.open(SPA + "/#/login");
        browser.awaitHeading("Sign in");
        browser.screenshot("login");
        signIn(PASSWORD);
        browser.awaitHeading("Your account");
        assertEquals(email, browser.text("#user-email"));
        assertEquals("yes", browser.text("#user-verified"));
        String session = currentSession();

        browser.reload();
        browser.awaitHeading("Your account");
        assertEquals(email, browser.text("#user-email"), "still signed in after a reload: the start-up refresh");
        long afterReload = generation(session);
        assertTrue(afterReload >= 1, "the reload refreshed");

        Await.until(() -> generation(session) >= afterReload + 2, "two silent refreshes (every 8 s of 10)",
                Duration.ofSeconds(40));
        assertEquals(200, Api.get(SecondInstance.BASE + "/.well-known/jwks.json").status());
        browser.reload();
        assertEquals(email, browser.text("#user-email"), "signed in after the silent refreshes");
        browser.screenshot("account");
        browser.phoneWidth(true);
        browser.screenshot("account-phone");
        browser.phoneWidth(false);
    }

    @Test
    @Order(3)
    void twoTabsRefreshWithoutSigningEachOtherOut() {
        String first = browser.driver.getWindowHandle();
        String session = currentSession();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.open(SPA + "/#/account");
        browser.awaitHeading("Your account");
        String second = browser.driver.getWindowHandle();
        long start = generation(session);

        Await.until(() -> generation(session) >= start + 3, "both tabs refreshing on their own timers",
                Duration.ofSeconds(40));
        for (String tab : List.of(first, second)) {
            browser.driver.switchTo().window(tab);
            browser.reload();
            assertEquals(email, browser.text("#user-email"));
        }
        assertEquals(0, Database.count("select count(*) from sessions where id = ?::uuid and revoked_at is not null", session),
                "no reuse was detected");
        browser.driver.switchTo().window(second).close();
        browser.driver.switchTo().window(first);
    }

    @Test
    @Order(4)
    void signOutAnotherSessionThenLogOut() throws Exception {
        String phone = Users.sid(Users.loginOn(SecondInstance.BASE, email, PASSWORD).json().getString("token"));
        browser.reload();
        browser.awaitHeading("Your account");
        browser.wait.until(d -> d.findElements(By.cssSelector("#sessions li")).size() == 2);
        browser.screenshot("sessions");

        browser.driver.findElement(By.cssSelector("li[data-session='" + phone + "'] button")).click();
        browser.wait.until(d -> d.findElements(By.cssSelector("#sessions li")).size() == 1);
        assertEquals(1, Database.count("select count(*) from sessions where id = ?::uuid and revoked_at is not null", phone));

        browser.click("#logout");
        browser.awaitHeading("Sign in");
        browser.reload();
        browser.awaitHeading("Sign in");
        assertTrue(browser.driver.findElements(By.id("logout")).isEmpty(), "still signed out after a reload");
    }

    @Test
    @Order(5)
    void forgotPasswordThroughTheMail() {
        browser.open(SPA + "/#/forgot");
        browser.awaitHeading("Forgot your password");
        browser.fill("email", email);
        browser.submit();
        assertTrue(browser.text("main .status").startsWith("Reset link sent successfully"));
        browser.screenshot("forgot");

        // The phone of the last test was a new device: its owner was told, before this reset.
        assertTrue(Mailbox.titled(email, 3, "A new sign-in to your account").text().contains("Device: Unknown device"));
        String link = link(Mailbox.titled(email, 3, "Reset your password").text(), "/password/update/");
        browser.open(link);
        browser.awaitHeading("Choose a new password");
        browser.fill("password", NEW_PASSWORD);
        browser.fill("confirm_password", NEW_PASSWORD);
        browser.screenshot("new-password");
        browser.submit();
        browser.awaitHeading("Password changed");

        browser.open(SPA + "/#/login");
        signIn(NEW_PASSWORD);
        browser.awaitHeading("Your account");
        assertEquals(email, browser.text("#user-email"));
    }

    @Test
    @Order(6)
    void setUpTwoStepSignInFromTheAccountPage() {
        Authenticator.awaitStepWithAtLeast(15);
        browser.click("#mfa-start");
        String secret = browser.text("#totp-secret");
        assertTrue(browser.attribute("#totp-qr", "src").startsWith("data:image/svg+xml;base64,"), "the QR code is shown");
        browser.screenshot("mfa-enrolment");
        app = new Authenticator(secret);
        browser.fill("code", "000000");
        browser.submit("Turn on two-step sign-in");
        browser.awaitText("main form[aria-label='Turn on two-step sign-in'] [data-error-for=code]", "not valid");
        browser.fill("code", app.code());
        browser.submit("Turn on two-step sign-in");

        browser.awaitCount("#recovery-codes li", 10);
        recoveryCodes = browser.driver.findElements(By.cssSelector("#recovery-codes li")).stream()
                .map(org.openqa.selenium.WebElement::getText).toList();
        assertTrue(browser.attribute("#recovery-download", "href").startsWith("blob:"), "the codes can be downloaded");
        assertEquals("latchkey-recovery-codes.txt", browser.attribute("#recovery-download", "download"));
        browser.screenshot("mfa-recovery-codes");
        browser.click("#recovery-done");
        browser.awaitText("#mfa-on", "10 recovery codes left");
        assertEquals(1, Database.count("select count(*) from totp_factors f join users u on u.id = f.user_id"
                + " where u.email = ? and f.confirmed_at is not null", email));
    }

    @Test
    @Order(7)
    void signInWithACodeThenWithARecoveryCode() {
        Authenticator.awaitStepWithAtLeast(15);
        browser.click("#logout");
        browser.awaitHeading("Sign in");
        signIn(NEW_PASSWORD);
        browser.awaitHeading("Two-step sign-in");
        browser.screenshot("mfa-second-step");
        browser.fill("code", "000000");
        browser.submit();
        browser.awaitText("main .status", "Invalid code; check that your device's time is set automatically, or use a recovery code");
        browser.fill("code", app.code(1));
        browser.submit();
        browser.awaitHeading("Your account");
        assertEquals("pwd otp", Database.value("select amr from sessions where id = ?::uuid", currentSession()).orElseThrow());

        browser.click("#logout");
        browser.awaitHeading("Sign in");
        signIn(NEW_PASSWORD);
        browser.awaitHeading("Two-step sign-in");
        browser.fill("code", recoveryCodes.get(0));
        browser.submit();
        browser.awaitHeading("Your account");
        browser.awaitText("#mfa-on", "9 recovery codes left");

        // Issue 29.3: at phone width the two buttons touched.
        browser.phoneWidth(true);
        double gap = ((Number) browser.script("const a = document.getElementById('mfa-new-codes').getBoundingClientRect();"
                + " const b = document.getElementById('mfa-disable').getBoundingClientRect();"
                + " return Math.max(b.left - a.right, b.top - a.bottom, a.left - b.right, a.top - b.bottom);")).doubleValue();
        browser.screenshot("mfa-on-phone");
        browser.phoneWidth(false);
        assertTrue(gap >= 6, "the two-step buttons are " + gap + " px apart");
    }

    @Test
    @Order(8)
    void turnItOffJustAfterSigningIn() {
        browser.click("#mfa-disable");
        browser.awaitText("#mfa", "Two-step sign-in is off");
        assertEquals(0, Database.count("select count(*) from totp_factors f join users u on u.id = f.user_id"
                + " where u.email = ?", email));
    }

    /**
     * Issue 29.3: a failed save left the next "Saved." red, the header kept the old name until a reload, the checkbox
     * was stretched over the page and the language drop-down was unstyled.
     */
    @Test
    @Order(9)
    void editTheProfileAndSeeTheNewNameAtOnce() {
        double checkbox = ((Number) browser.script(
                "return document.getElementById('field-new_device_notice').getBoundingClientRect().width")).doubleValue();
        assertTrue(checkbox < 40, "the checkbox is " + checkbox + " px wide");
        double select = ((Number) browser.script(
                "return document.getElementById('field-locale').getBoundingClientRect().height")).doubleValue();
        double input = ((Number) browser.script(
                "return document.getElementById('field-name').getBoundingClientRect().height")).doubleValue();
        assertTrue(Math.abs(select - input) <= 4, "the drop-down is " + select + " px high, a field " + input);

        browser.fill("name", " ");
        browser.submit("Your profile");
        browser.awaitCount("#field-name[aria-invalid]", 1);
        assertEquals("Grace Hopper", browser.text("#signed-in-as"), "a refused name is not shown");

        browser.fill("name", "Grace B. Hopper");
        browser.submit("Your profile");
        browser.awaitText("form[aria-label='Your profile'] .status", "Saved.");
        assertEquals("status", browser.attribute("form[aria-label='Your profile'] .status", "class"),
                "a save after a failed one is not shown as failed");
        assertEquals("Grace B. Hopper", browser.text("#signed-in-as"), "the header shows the new name at once");
        assertEquals("Grace B. Hopper", browser.text("#user-name"));
        assertEquals("Grace B. Hopper", Database.value("select name from users where email = ?", email).orElseThrow());
        browser.screenshot("profile-saved");
    }

    @Test
    @Order(10)
    void addAPasskeyWhenAskedAfterAPasswordSignInAndRenameIt() {
        authenticator = browser.virtualAuthenticator();
        browser.click("#logout");
        browser.awaitHeading("Sign in");
        signIn(NEW_PASSWORD);
        browser.awaitHeading("Your account");
        browser.awaitText("#passkey-prompt", "add a passkey");
        browser.screenshot("passkey-prompt");
        browser.click("#passkey-prompt-add");

        browser.awaitCount("#passkey-list li", 1);
        assertEquals("", browser.driver.findElement(By.id("passkey-prompt")).getText(), "asked once");
        assertEquals(1, authenticator.getCredentials().size());
        assertTrue(authenticator.getCredentials().get(0).isResidentCredential(), "a discoverable credential");
        assertEquals(1, Database.count("select count(*) from passkeys p join users u on u.id = p.user_id"
                + " where u.email = ? and p.user_verified", email));
        browser.click("#passkey-list [data-action=rename]");
        browser.fill("name", "This browser");
        browser.submit("Rename the passkey");
        browser.awaitText("#passkey-list .passkey-name", "This browser");
        browser.screenshot("passkeys");
    }

    /**
     * The virtual authenticator answers the sign-in page's autofill request by itself, as a user picking the
     * passkey from the email field's suggestions; the button asks the browser for a passkey outright.
     */
    @Test
    @Order(11)
    void signOutThenSignInWithThePasskeyAloneFromTheAutofillOrTheButton() {
        browser.click("#logout");
        browser.awaitHeading("Your account");
        assertEquals(email, browser.text("#user-email"));
        assertEquals("hwk user", Database.value("select amr from sessions where id = ?::uuid", currentSession())
                .orElseThrow(), "no password");
        browser.awaitText("#sessions", "signed in with passkey");
        browser.awaitText("#passkey-list", "last used");

        browser.userPresent(authenticator, false);
        browser.click("#logout");
        browser.awaitHeading("Sign in");
        assertEquals("username webauthn", browser.attribute("#field-email", "autocomplete"), "passkeys in autofill");
        browser.userPresent(authenticator, true);
        browser.click("#passkey-sign-in");
        browser.awaitHeading("Your account");
        assertEquals("hwk user", Database.value("select amr from sessions where id = ?::uuid", currentSession())
                .orElseThrow());
    }

    @Test
    @Order(12)
    void useThePasskeyAsTheSecondStepAfterAPassword() {
        Authenticator.awaitStepWithAtLeast(15);
        browser.click("#mfa-start");
        app = new Authenticator(browser.text("#totp-secret"));
        browser.fill("code", app.code());
        browser.submit("Turn on two-step sign-in");
        browser.click("#recovery-done");
        browser.awaitText("#mfa-on", "10 recovery codes left");

        browser.userPresent(authenticator, false);
        browser.click("#logout");
        browser.awaitHeading("Sign in");
        signIn(NEW_PASSWORD);
        browser.awaitHeading("Two-step sign-in");
        browser.screenshot("mfa-second-step-passkey");
        browser.userPresent(authenticator, true);
        browser.click("#mfa-passkey");
        browser.awaitHeading("Your account");
        assertEquals("pwd hwk user", Database.value("select amr from sessions where id = ?::uuid", currentSession())
                .orElseThrow());
        browser.awaitText("#sessions", "signed in with password and passkey");
    }

    @Test
    @Order(13)
    void removeThePasskeyThenFailToSignInWithIt() {
        browser.click("#passkey-list [data-action=remove]");
        browser.awaitText("#passkeys-status", "\"This browser\" was removed");
        assertEquals(0, Database.count("select count(*) from passkeys p join users u on u.id = p.user_id"
                + " where u.email = ?", email));
        browser.click("#logout");
        browser.awaitHeading("Sign in");
        assertEquals(1, authenticator.getCredentials().size(), "the browser still holds the key");
        browser.click("#passkey-sign-in"); // the autofill's answer was refused already, silently

        browser.awaitText("#passkey-sign-in-status", "This passkey cannot be used here");
        browser.screenshot("passkey-refused");
        assertEquals("Sign in", browser.text("main h1"));
    }

    @Test
    @Order(14)
    void changeTheEmailAddressThroughItsMailThenUndoItFromTheOldOne() {
        Authenticator.awaitStepWithAtLeast(15);
        browser.open(SPA + "/#/login");
        signIn(NEW_PASSWORD);
        browser.awaitHeading("Two-step sign-in"); // turned on again in test 11
        browser.fill("code", app.code(1));
        browser.submit();
        browser.awaitHeading("Your account");
        browser.click("#mfa-disable"); // a recent sign-in: no step-up asked
        browser.awaitText("#mfa", "Two-step sign-in is off");
        String newAddress = Users.newEmail();
        browser.fill("new-email", newAddress);
        browser.fill("email-password", NEW_PASSWORD);
        browser.submit("Change your email address");
        browser.awaitText("form[aria-label='Change your email address'] .status", "Open the link we sent");
        browser.reload();
        assertTrue(browser.text("#user-pending-email").startsWith(newAddress), "the pending address is shown");
        browser.screenshot("email-change-pending");

        browser.open(link(Mailbox.titled(newAddress, 1, "Confirm your new email address").text(), "/email/confirm/"));
        browser.awaitHeading("Confirm your new email address");
        browser.click("#confirm-link");
        browser.awaitHeading("Email address changed");
        browser.screenshot("email-changed");
        assertEquals(1, Database.count("select count(*) from users where email = ?", newAddress));

        browser.open(link(Mailbox.newest(email, "The email address of your account was changed").text(), "/email/undo/"));
        browser.awaitHeading("Undo the change of your email address");
        browser.click("#confirm-link");
        browser.awaitHeading("Email address restored");
        browser.screenshot("email-change-undone");
        assertEquals(1, Database.count("select count(*) from users where email = ?", email));
        assertEquals(0, Database.count("select count(*) from sessions s join users u on u.id = s.user_id"
                + " where u.email = ? and s.revoked_at is null", email), "every session ended");
        assertTrue(browser.text("main").contains("choose a new password"), browser.text("main"));

        // The undo removed the password (whoever changed the address knew it): the mailed link sets a new one.
        browser.open(SPA + "/#/login");
        signIn(NEW_PASSWORD);
        browser.awaitText("main .status", "Invalid email or password");
        browser.open(link(Mailbox.nth(email, "Reset your password", 2).text(), "/password/update/"));
        browser.awaitHeading("Choose a new password");
        browser.fill("password", NEW_PASSWORD);
        browser.fill("confirm_password", NEW_PASSWORD);
        browser.submit();
        browser.awaitHeading("Password changed");
    }

    @Test
    @Order(15)
    void signInWithACodeFromTheMailThenWithItsLink() {
        browser.open(SPA + "/#/login");
        browser.click("#email-code-offer a");
        browser.awaitHeading("Sign in with a code");
        browser.fill("email", email);
        browser.submit();
        browser.awaitHeading("Enter your code");
        browser.screenshot("email-code");
        Mailbox.Received mail = Mailbox.newest(email, "Your sign-in code");
        java.util.regex.Matcher code = EmailSignInTests.CODE.matcher(mail.text());
        assertTrue(code.find(), mail.text());
        browser.fill("code", code.group(1));
        browser.submit();
        browser.awaitHeading("Your account");
        assertEquals(email, browser.text("#user-email"));
        assertEquals("otp", Database.value("select amr from sessions where id = ?::uuid", currentSession()).orElseThrow());
        browser.click("#logout");
        browser.awaitHeading("Sign in");

        // Counted by subject: other mails (notices) may arrive in between.
        java.util.function.LongSupplier codes = () -> Mailbox.of(email).stream()
                .filter(m -> m.subject().equals("Your sign-in code")).count();
        long before = codes.getAsLong();
        Api.post(SecondInstance.BASE + Paths.LOGIN_EMAIL, Api.json("email", email));
        Await.until(() -> codes.getAsLong() == before + 1, "a second sign-in code");
        String mailed = link(Mailbox.newest(email, "Your sign-in code").text(), "/login/email/");
        String token = mailed.substring(mailed.indexOf("?token=") + "?token=".length());
        browser.open(SPA + "/login/email/?token=" + token);
        browser.awaitHeading("Sign in");
        assertEquals("Sign in", browser.text("#confirm-link"), "the link page asks before it signs in");
        browser.click("#confirm-link");
        browser.awaitHeading("Your account");
        assertEquals(email, browser.text("#user-email"));
        assertEquals("otp", Database.value("select amr from sessions where id = ?::uuid", currentSession()).orElseThrow());
    }

    @Test
    @Order(16)
    void downloadTheDataThenDeleteTheAccountBehindAConfirmation() {
        browser.click("#export");
        browser.awaitText("#export-status", "Ready");
        assertEquals("latchkey-account.json", browser.attribute("#export-download", "download"));
        assertTrue(browser.attribute("#export-download", "href").startsWith("blob:"));
        browser.click("#delete-start");
        browser.fill("delete-password", NEW_PASSWORD);
        browser.screenshot("delete-account");
        browser.submit("Delete your account");
        browser.awaitHeading("Account deleted");
        assertEquals(0, Database.count("select count(*) from users where email = ?", email));
        assertEquals("Your ACME account was deleted", Mailbox.newest(email, "Your ACME account was deleted").subject());
        browser.reload();
        browser.awaitHeading("Sign in");
    }

    /** Issue 29.5: the route of emailed codes rendered its form where they are off, and said so only on sending. */
    @Test
    @Order(17)
    void whereEmailedCodesAreOffTheSignInPageNeitherOffersNorShowsThem() {
        SecondInstance.restart(Map.of("APP_FRONTEND_URL", SPA, "WEBAUTHN_RP_ID", "localhost", "WEBAUTHN_ORIGINS", SPA,
                "EMAIL_LOGIN_ENABLED", "false"));
        assertFalse(Api.get(SecondInstance.BASE + Paths.LOGIN_EMAIL).json().getBoolean("enabled"));
        browser.open(SPA + "/#/login");
        browser.reload(); // a page of the restarted instance, not the one the last test left
        browser.awaitHeading("Sign in");
        Mailbox.sleep(Duration.ofSeconds(1)); // where they are on, the offer is shown by now (test 15 follows it)
        assertEquals("true", browser.attribute("#email-code-offer", "hidden"));

        browser.open(SPA + "/#/login/code");
        browser.awaitHeading("Sign in");
        assertEquals(SPA + "/#/login", browser.url());
        browser.awaitCount("#field-password", 1);
    }

    /**
     * Issue 31: an admin (signed in with a passkey) finds a user by typing part of the address, disables them with a
     * reason behind a confirmation that names them; the user's open tab, in another browser, is signed out at its
     * next refresh; the admin enables them again, and the user's audit trail shows both.
     */
    @Test
    @Order(18)
    void anAdminFindsAUserDisablesThemAndTheirTabSignsOutThenEnablesThem() {
        SecondInstance.restart(SETTINGS);   // after test 17's, without emailed codes
        email = Users.newEmail();
        Api.Reply registered = Users.registration("Ada Admin", email, PASSWORD);
        assertEquals(201, registered.status(), registered.text());
        String adminId = registered.json().getJsonObject("user").getString("id");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String targetEmail = "lin." + tag + "@example.test";
        assertEquals(201, Users.registration("Lin Target", targetEmail, PASSWORD).status());
        if (authenticator == null) {
            authenticator = browser.virtualAuthenticator();
        }
        authenticator.removeAllCredentials();
        browser.userPresent(authenticator, true);
        browser.open(SPA + "/#/login");
        browser.reload();
        browser.awaitHeading("Sign in");
        signIn(PASSWORD);
        browser.awaitHeading("Your account");
        assertTrue(browser.driver.findElements(By.id("nav-admin")).isEmpty(), "no admin link for a user");
        browser.click("#passkey-prompt-add");
        browser.awaitCount("#passkey-list li", 1);
        Database.update("update users set admin_since = now(), email_verified_at = now() where id = ?::uuid", adminId);
        browser.userPresent(authenticator, false);
        browser.click("#logout");
        browser.awaitHeading("Sign in");
        browser.userPresent(authenticator, true);
        browser.click("#passkey-sign-in");
        browser.awaitHeading("Your account");

        try (Browser other = Browser.start()) {
            other.open(SPA + "/#/login");
            other.awaitHeading("Sign in");
            other.fill("email", targetEmail);
            other.fill("password", PASSWORD);
            other.submit();
            other.awaitHeading("Your account");

            browser.click("#nav-admin");
            browser.awaitHeading("Users");
            browser.driver.findElement(By.id("admin-search")).sendKeys("LIN." + tag.substring(0, 6));
            browser.awaitCount("#admin-users li", 1);
            browser.awaitText("#admin-users li", targetEmail);
            browser.screenshot("admin-users");
            browser.click("#admin-users li a");
            browser.awaitHeading("Lin Target");
            browser.click("[data-action=disable]");
            assertTrue(browser.text(".confirm-question").contains("Lin Target (" + targetEmail + ")"),
                    "the confirmation names the user");
            browser.fill("reason", "Ticket 31: laptop stolen");
            browser.screenshot("admin-disable");
            browser.click("#admin-confirm-yes");
            browser.awaitText("#admin-action-status", "User disabled");
            assertEquals("Ticket 31: laptop stolen", Database.value("select disabled_reason from users where email = ?",
                    targetEmail).orElseThrow());

            other.wait.until(d -> d.findElements(By.cssSelector("main h1")).stream()
                    .anyMatch(h -> h.getText().equals("Sign in")));   // its next refresh was refused

            browser.click("[data-action=enable]");
            browser.awaitText("#admin-action-status", "User enabled");
            browser.click("a[href*='/#/admin/audit?user=']");
            browser.awaitHeading("Audit trail");
            browser.awaitText("#admin-audit", "admin user disabled");
            browser.awaitText("#admin-audit", "admin user enabled");
            browser.awaitText("#admin-audit", "Ticket 31: laptop stolen");
            browser.screenshot("admin-audit");
            browser.phoneWidth(true);   // readable at phone width: nothing wider than the screen
            for (String page : List.of("/#/admin", "/#/admin/audit")) {
                browser.open(SPA + page);
                browser.awaitCount("main h1", 1);
                long overflow = ((Number) browser.script("return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth;")).longValue();
                browser.screenshot("admin-phone" + page.replace("/#/admin", "").replace('/', '-'));
                assertTrue(overflow <= 0, page + " is " + overflow + " px wider than a phone");
            }
            browser.phoneWidth(false);
        }
    }

    /** Fills and sends the sign-in form shown. */
    private void signIn(String password) {
        browser.fill("email", email);
        browser.fill("password", password);
        browser.submit();
    }

    private String currentSession() {
        return Database.value("select s.id from sessions s join users u on u.id = s.user_id where u.email = ?"
                + " and s.revoked_at is null order by s.created_at desc limit 1", email).orElseThrow();
    }

    private static long generation(String session) {
        return Long.parseLong(Database.value("select refresh_generation from sessions where id = ?::uuid", session)
                .orElseThrow());
    }

    /**
     * The link of a mail to the path. Either instance may render a mail that a relay sends (reset links), each with
     * its APP_FRONTEND_URL, and either serves the SPA.
     */
    private static String link(String text, String path) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://[^/\\s]+" + java.util.regex.Pattern.quote(path)
                + "\\?token=\\S+").matcher(text);
        assertTrue(link.find(), "a link to " + path + " in: " + text);
        return link.group();
    }
}
