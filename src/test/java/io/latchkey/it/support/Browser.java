package io.latchkey.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Headless Chromium from Debian's packages, driven by its chromedriver: nothing is downloaded at run time. Without
 * them the browser tests cannot run; under CI that is a failure, elsewhere the tests say they were not run.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
    }

    public static Browser start() {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("Browser tests need: apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Browser tests not run: apt-get install -y chromium chromium-driver");
        try {
            Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--no-first-run", "--disable-quic", "--window-size=1100,900",
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            Files.createDirectories(SCREENSHOTS);
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a page of the SPA and waits until its module has rendered it. */
    public void open(String url) {
        driver.get(url);
        awaitReady();
    }

    public void reload() {
        driver.navigate().refresh();
        awaitReady();
    }

    public void awaitReady() {
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    public void fill(String field, String value) {
        WebElement input = driver.findElement(By.id("field-" + field));
        input.clear();
        input.sendKeys(value);
    }

    public void submit() {
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    /** Submits the form with this label (its aria-label), on pages with more than one. */
    public void submit(String formLabel) {
        driver.findElement(By.cssSelector("main form[aria-label='" + formLabel + "'] button[type=submit]")).click();
    }

    /**
     * Waits for an element to be clickable, and clicks it. The navigation renders again whenever the session changes
     * (a silent refresh, the profile loaded), so an element found just before is gone when clicked: then it is looked
     * up and clicked again.
     */
    public void click(String css) {
        wait.until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    public String attribute(String css, String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getAttribute(name);
    }

    /** Waits until the page has this many elements matching the selector. */
    public void awaitCount(String css, int count) {
        wait.until(d -> d.findElements(By.cssSelector(css)).size() == count);
    }

    /** Waits until an element's text contains this. */
    public void awaitText(String css, String part) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
    }

    /** Waits for the page heading. */
    public void awaitHeading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
    }

    public String text(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))).getText();
    }

    public void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a script run in the page returns (a number, text, a boolean). */
    public Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public void phoneWidth(boolean phone) {
        driver.manage().window().setSize(phone ? new Dimension(390, 844) : new Dimension(1100, 900));
    }

    /**
     * A virtual authenticator in this browser, as a platform authenticator would be: CTAP2, discoverable
     * credentials, user verification (the fingerprint or PIN always given), and the user always consenting.
     */
    public VirtualAuthenticator virtualAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true)
                .setIsUserVerified(true).setIsUserConsenting(true));
    }

    /**
     * Whether the virtual authenticator answers requests by itself, as a user touching it would. Off, it leaves the
     * sign-in page's autofill request pending, as a user who types a password does.
     */
    public void userPresent(VirtualAuthenticator authenticator, boolean present) {
        driver.executeCdpCommand("WebAuthn.setAutomaticPresenceSimulation",
                java.util.Map.of("authenticatorId", authenticator.getId(), "enabled", present));
    }

    @Override
    public void close() {
        driver.quit();
        Instance.deleteTree(profile);
    }
}
