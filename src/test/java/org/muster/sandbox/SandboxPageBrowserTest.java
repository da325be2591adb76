package org.muster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.muster.MusterApplication;
import org.muster.support.SandboxClient;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * {@code .ci/run} installs them). A person loads the demo, signs a newcomer up by typing and pressing
 * buttons, answers the call with "I'll go" and sees its counter move; the page keeps working when
 * the bot is slow and says so when the application stops. Screenshots go to {@code target/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(SandboxPageBrowserTest.ScreenshotOnFailure.class)
class SandboxPageBrowserTest {

    /** What the page looked like when a test failed, for whoever reads the report. */
    static class ScreenshotOnFailure implements org.junit.jupiter.api.extension.TestWatcher {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            try {
                if (browser != null) {
                    screenshot("sandbox-page-failed-" + context.getRequiredTestMethod().getName() + ".png");
                    StringBuilder console = new StringBuilder();
                    browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                            .forEach(entry -> console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
                    Files.writeString(Path.of("target", "sandbox-page-failed-" + context.getRequiredTestMethod().getName() + ".log"),
                            console.toString());
                }
            } catch (IOException | WebDriverException e) {
                // the failure itself is what matters
            }
        }
    }

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext app;
    private static ChromeDriver browser;
    private static SandboxClient sandbox;
    private static String page;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("MUSTER_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("MUSTER_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.assumeTrue(present, "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        app = new SpringApplicationBuilder(MusterApplication.class).profiles("test").run("--muster.sandbox.demo=true");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        sandbox = new SandboxClient(port);
        page = "http://localhost:" + port + "/sandbox";

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--lang=zh-CN", "--user-data-dir=" + Files.createTempDirectory("muster-chromium"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    // ---- helpers that survive the page redrawing itself under them

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, PATIENCE);
    }

    private static void click(By by) {
        waiting().ignoring(StaleElementReferenceException.class).until(driver -> {
            List<WebElement> found = driver.findElements(by);
            if (found.isEmpty() || !found.get(found.size() - 1).isEnabled()) {
                return false;
            }
            found.get(found.size() - 1).click();
            return true;
        });
    }

    private static By inline(String label) {
        return By.xpath("//ol[@id='transcript']//button[@data-label=" + literal(label) + "]");
    }

    private static By replyKey(String action) {
        return By.cssSelector("#reply-keyboard button[data-action='" + action + "']");
    }

    private static String transcript() {
        return waiting().ignoring(StaleElementReferenceException.class).until(driver -> driver.findElement(By.id("transcript")).getText());
    }

    private static void waitForText(String text) {
        waiting().ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the transcript never showed \"" + text + "\"; it shows:\n" + transcript())
                .until(driver -> driver.findElement(By.id("transcript")).getText().contains(text));
    }

    private static void type(String text) {
        WebElement box = waiting().until(driver -> driver.findElement(By.id("text")));
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    private static void openChat(String title) {
        click(By.xpath("//ul[@id='chats']/li[contains(., " + literal(title) + ")]"));
        waiting().until(driver -> driver.findElement(By.id("chat-title")).getText().contains(title));
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "") + "'";
    }

    private static void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
    void aNewcomerFromTheDemoSignsUpAnswersTheCallAndTheCounterMoves() throws IOException {
        browser.get(page);
        // muster.sandbox.demo=true loaded a scene at start-up: its coordinator is in all three groups
        waiting().until(driver -> new Select(driver.findElement(By.id("persona"))).getOptions().size() >= 15);
        new Select(browser.findElement(By.id("persona"))).selectByVisibleText("王芳");
        waiting().until(driver -> driver.findElement(By.id("chats")).getText().contains("江宁区志愿者总群"));

        click(By.id("demo"));
        waiting().until(driver -> driver.findElement(By.id("chat-title")).getText().contains("百家湖社区志愿者群"));
        // the list of personas is drawn again when the world changes: read it afresh until it holds still
        String persona = waiting().ignoring(StaleElementReferenceException.class).until(driver ->
                new Select(driver.findElement(By.id("persona"))).getFirstSelectedOption().getText());
        assertThat(persona).isEqualTo("孙悦");
        waitForText("百家湖核酸检测点 · 早班");
        waitForText("已报名 3/20");

        // not signed up: "I'll go" opens the private chat with the bot, as Telegram's deep link does
        click(inline("🙋 我报名"));
        waiting().until(driver -> driver.findElement(By.id("chat-title")).getText().contains("孙悦 ↔"));
        waitForText("真实姓名");
        type("孙悦");
        waitForText("手机号");
        click(replyKey("contact"));
        click(By.id("dialog-ok"));
        click(inline("江宁区"));
        click(inline("东山街道"));
        click(inline("百家湖社区"));
        waitForText("专长");
        click(inline("医疗护理"));
        waiting().until(driver -> !driver.findElements(inline("✅ 医疗护理")).isEmpty());
        click(inline("完成"));
        waitForText("什么时候有空");
        click(inline("周末"));
        waiting().until(driver -> !driver.findElements(inline("✅ 周末")).isEmpty());
        click(inline("完成"));
        waitForText("隐私说明");
        click(inline("同意"));
        waitForText("请核对");
        click(inline("✅ 确认提交"));
        waitForText("报名成功：");

        openChat("百家湖社区志愿者群");
        waitForText("已报名 4/20");
        screenshot("sandbox-page.png");
    }

    @Test
    @Order(2)
    void theConversationGoesOnWhenTheBotIsSlow() {
        sandbox.settings(Map.of("bot_latency_ms", 2000));
        try {
            openChat("孙悦 ↔");
            type("/help");
            // the page shows what was typed at once, and that the bot is still answering
            waitForText("/help");
            waiting().until(driver -> driver.findElement(By.id("typing")).isDisplayed());
            waitForText("/forgetme");
            waiting().until(driver -> !driver.findElement(By.id("typing")).isDisplayed());
        } finally {
            sandbox.settings(Map.of("bot_latency_ms", 0));
        }
    }

    @Test
    @Order(3)
    void thePageSaysSoWhenTheApplicationStops() throws IOException {
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
        app.close();
        app = null;

        waiting().ignoring(WebDriverException.class).until(driver -> driver.findElement(By.id("banner")).isDisplayed());
        assertThat(browser.findElement(By.id("banner")).getText()).contains("无法连接");
        screenshot("sandbox-page-stopped.png");
    }
}
