package org.muster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.muster.MusterApplication;
import org.muster.support.Chromium;
import org.muster.support.SandboxClient;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

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
            Chromium.keepEvidence(browser, "sandbox-page", context.getRequiredTestMethod().getName());
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String BROWSER_ZONE = "America/Sao_Paulo";
    private static final ZoneId ORGANISATION_ZONE = ZoneId.of("Asia/Shanghai");

    private static ConfigurableApplicationContext app;
    private static ChromeDriver browser;
    private static SandboxClient sandbox;
    private static String page;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumePresent();
        app = new SpringApplicationBuilder(MusterApplication.class).profiles("test").run("--muster.sandbox.demo=true");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        sandbox = new SandboxClient(port);
        page = "http://localhost:" + port + "/sandbox";

        browser = Chromium.start("zh-CN");
        // the person's browser is in another zone than the organisation (Asia/Shanghai), as in the field trial
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", BROWSER_ZONE));
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
        Chromium.click(browser, by, PATIENCE);
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
        Chromium.screenshot(browser, name);
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

    private static String timeOf(int messageId) {
        return waiting().ignoring(StaleElementReferenceException.class).until(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("#transcript li[data-message-id='" + messageId + "'] time"));
            return found.isEmpty() ? null : found.get(0).getText();
        });
    }

    /** The element's box as the page lays it out (zero when it is not shown). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> box(String id) {
        return (Map<String, Object>) browser.executeScript(
                "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + "return {x: r.x, y: r.y, width: r.width, height: r.height};", id);
    }

    private static boolean overlaps(Map<String, Object> a, Map<String, Object> b) {
        double ax = ((Number) a.get("x")).doubleValue();
        double ay = ((Number) a.get("y")).doubleValue();
        double bx = ((Number) b.get("x")).doubleValue();
        double by = ((Number) b.get("y")).doubleValue();
        return ax < bx + ((Number) b.get("width")).doubleValue() && bx < ax + ((Number) a.get("width")).doubleValue()
                && ay < by + ((Number) b.get("height")).doubleValue() && by < ay + ((Number) a.get("height")).doubleValue();
    }

    private static JsonNode sent(long chat, String text) {
        return sandbox.messages(chat, 0).stream().filter(m -> text.equals(m.path("text").asString())).findFirst().orElseThrow();
    }

    private static long chatId(String title) {
        return sandbox.get("/sandbox/api/chats").valueStream().filter(c -> title.equals(c.path("title").asString())).findFirst()
                .orElseThrow().path("id").asLong();
    }

    @Test
    @Order(3)
    void timesAreTheOrganisationsTwentyFourHourClockWithTheDateOnAnotherDay() throws IOException {
        assertThat(browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(BROWSER_ZONE);
        openChat("江宁区志愿者总群");
        long group = chatId("江宁区志愿者总群");
        type("前一天说的话");
        waitForText("前一天说的话");
        JsonNode earlier = sent(group, "前一天说的话");
        // a day later by the emulator's clock (Telegram's servers say what "today" is)
        app.getBean(SandboxClock.class).advance(Duration.ofHours(25));
        type("今天说的话");
        waitForText("今天说的话");
        JsonNode today = sent(group, "今天说的话");

        ZonedDateTime earlierAt = Instant.ofEpochSecond(earlier.path("date").asLong()).atZone(ORGANISATION_ZONE);
        ZonedDateTime todayAt = Instant.ofEpochSecond(today.path("date").asLong()).atZone(ORGANISATION_ZONE);
        String todayShown = DateTimeFormatter.ofPattern("HH:mm").format(todayAt);
        String earlierShown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(earlierAt);
        waiting().withMessage(() -> "times shown: " + timeOf(earlier.path("message_id").asInt()) + " / " + timeOf(today.path("message_id").asInt()))
                .until(driver -> timeOf(today.path("message_id").asInt()).equals(todayShown)
                        && timeOf(earlier.path("message_id").asInt()).equals(earlierShown));
        // the bot's messages too: none on a 12-hour clock
        assertThat(browser.findElements(By.cssSelector("#transcript time"))).allSatisfy(time ->
                assertThat(time.getText()).matches("(\\d{4}-\\d{2}-\\d{2} )?([01]\\d|2[0-3]):[0-5]\\d"));
        screenshot("sandbox-times.png");
    }

    @Test
    @Order(4)
    void onAPhoneTheChatListIsADrawerAndTheToastLeavesTheTitleFree() throws IOException {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.navigate().refresh();
            waiting().until(driver -> new Select(driver.findElement(By.id("persona"))).getOptions().size() >= 15);
            // closed: the chat takes the screen, the list takes none of it
            assertThat(browser.executeScript("return window.innerWidth")).isEqualTo(390L);
            WebElement sidebar = browser.findElement(By.id("sidebar"));
            assertThat(sidebar.isDisplayed()).isFalse();
            assertThat(((Number) box("sidebar").get("height")).doubleValue()).isZero();
            assertThat(((Number) box("transcript").get("height")).doubleValue()).isGreaterThan(844 / 2.0);
            screenshot("sandbox-phone-closed.png");

            click(By.id("chats-toggle"));
            waiting().until(driver -> driver.findElement(By.id("sidebar")).isDisplayed());
            assertThat(((Number) box("sidebar").get("width")).doubleValue()).isLessThanOrEqualTo(390);
            assertThat(((Number) box("sidebar").get("height")).doubleValue()).isGreaterThan(844 / 2.0);
            assertThat(browser.findElement(By.id("chats")).getText()).contains("百家湖社区志愿者群");
            screenshot("sandbox-phone-drawer.png");

            // choosing a chat closes the drawer
            openChat("百家湖社区志愿者群");
            waiting().until(driver -> !driver.findElement(By.id("sidebar")).isDisplayed());

            // a button's answer shows as a toast that leaves the chat's title readable
            waitForText("百家湖核酸检测点 · 早班");
            click(inline("🙋 我报名"));
            waiting().until(driver -> {
                WebElement box = driver.findElement(By.id("toast"));
                return box.isDisplayed() && !box.getText().isBlank();
            });
            Map<String, Object> shown = box("toast");
            Map<String, Object> title = box("chat-header");
            screenshot("sandbox-phone-toast.png");
            assertThat(overlaps(shown, title)).as("toast %s over the chat header %s", shown, title).isFalse();
            assertThat(overlaps(shown, box("chat-title"))).isFalse();
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(5)
    void thePageSaysSoWhenTheApplicationStops() throws IOException {
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
        app.close();
        app = null;

        waiting().ignoring(WebDriverException.class).until(driver -> driver.findElement(By.id("banner")).isDisplayed());
        assertThat(browser.findElement(By.id("banner")).getText()).contains("无法连接");
        screenshot("sandbox-page-stopped.png");
    }
}
