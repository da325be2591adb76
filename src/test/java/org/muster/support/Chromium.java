package org.muster.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the browser tests ({@code chromium} and {@code chromium-driver};
 * {@code .ci/run} installs them): skipped without them, unless {@code MUSTER_REQUIRE_BROWSER} is set.
 */
public final class Chromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Skips the test class when the browser is missing here; fails it where it must run. */
    public static void assumePresent() {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!present && System.getenv("MUSTER_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("MUSTER_REQUIRE_BROWSER is set but " + BINARY + " or " + DRIVER + " is missing");
        }
        Assumptions.assumeTrue(present, "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
    }

    /** A fresh headless browser, 1280×900, in {@code language} (e.g. {@code zh-CN}), its console log kept. */
    public static ChromeDriver start(String language) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--lang=" + language, "--user-data-dir=" + Files.createTempDirectory("muster-chromium"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language.startsWith("zh") ? "zh-CN,zh" : language));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Clicks the last element {@code by} finds once it is shown and enabled, finding it afresh while the page redraws it. */
    public static void click(WebDriver browser, By by, Duration patience) {
        new WebDriverWait(browser, patience).ignoring(StaleElementReferenceException.class).until(driver -> {
            List<WebElement> found = driver.findElements(by);
            if (found.isEmpty() || !found.get(found.size() - 1).isDisplayed() || !found.get(found.size() - 1).isEnabled()) {
                return false;
            }
            found.get(found.size() - 1).click();
            return true;
        });
    }

    /**
     * What the page looked like when a test failed, for whoever reads the report: a screenshot
     * {@code target/<prefix>-failed-<test>.png} and the browser's console {@code ….log}. Never fails itself:
     * the test's failure is what matters.
     */
    public static void keepEvidence(ChromeDriver browser, String prefix, String test) {
        if (browser == null) {
            return;
        }
        try {
            browser.switchTo().defaultContent();
            screenshot(browser, prefix + "-failed-" + test + ".png");
            StringBuilder console = new StringBuilder();
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
            Files.writeString(Path.of("target", prefix + "-failed-" + test + ".log"), console.toString());
        } catch (IOException | org.openqa.selenium.WebDriverException e) {
            // nothing more to keep
        }
    }

    /** The browser's window as {@code target/<name>}. */
    public static void screenshot(ChromeDriver browser, String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
