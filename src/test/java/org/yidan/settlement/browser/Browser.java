package org.yidan.settlement.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (both installed by scripts/browser-setup.sh), with
 * the flags this machine needs (no background networking: the network is closed), a wait, screenshots into
 * target/screenshots and JavaScript.
 *
 * <p>The browser's zone is the JVM's (the test run's {@code user.timezone}: {@code Emulation.setTimezoneOverride}), and
 * its clock can be set to an instant ({@link #Browser(int, int, Instant)}: {@code Date} is shifted before any page
 * script runs), so a test can put the clerk's PC in UTC at an hour when the hospital's day is already the next one.
 */
final class Browser implements AutoCloseable {
    static final Path SHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;
    /** The browser's time zone: the JVM's. */
    final String zone;

    Browser(int width, int height) {
        this(width, height, null);
    }

    /** @param now what the browser's clock reads when the first page opens (null: the machine's clock) */
    Browser(int width, int height, Instant now) {
        File chromium = new File("/usr/bin/chromium");
        File chromedriver = new File("/usr/bin/chromedriver");
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install chromium chromium-driver");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        zone = TimeZone.getDefault().getID();
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
        if (now != null) {
            // every later page sees Date (new Date(), Date.now()) as if the clock had started at `now`
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "(() => {"
                    + "const Real = Date; const shift = " + now.toEpochMilli() + " - Real.now();"
                    + "class Shifted extends Real { constructor(...a) { if (a.length === 0) super(Real.now() + shift); else super(...a); }"
                    + " static now() { return Real.now() + shift; } }"
                    + "globalThis.Date = Shifted; })();"));
        }
    }

    /** Opens {@code page}, is sent to the login page, logs in and waits to be back on it. */
    void login(String page, String user, String password) {
        driver.get(page);
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login"));
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(user);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("login-submit")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
