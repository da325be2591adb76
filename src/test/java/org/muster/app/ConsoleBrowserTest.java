package org.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The coordination console in a real headless Chromium, opened as Telegram's client opens it, in the
 * sandbox with the demo: the coordinator opens it from the menu button and sees the demo call at 3/20;
 * a volunteer taps 我报名 in a group and the board shows 4/20; the URL of {@code POST /sandbox/api/webapp}
 * renders the board on its own, and with one character of its hash changed the API refuses it (401);
 * the team leader checks a member in from the console and the group's roster shows it. Screenshots
 * go to {@code target/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext app;
    private static ChromeDriver browser;
    private static SandboxClient sandbox;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumePresent();
        app = new SpringApplicationBuilder(MusterApplication.class).profiles("test").run("--muster.sandbox.demo=true");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        sandbox = new SandboxClient(port);
        base = "http://localhost:" + port;

        browser = Chromium.start("zh-CN");
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

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, PATIENCE);
    }

    private static void click(By by) {
        Chromium.click(browser, by, PATIENCE);
    }

    private static void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }

    private static JsonNode people() {
        return sandbox.get("/sandbox/api/users");
    }

    private static long user(String name) {
        for (JsonNode user : people().path("users").isMissingNode() ? people() : people().path("users")) {
            if (name.equals(user.path("first_name").asString())) {
                return user.path("id").asLong();
            }
        }
        throw new IllegalStateException("no sandbox user " + name);
    }

    private static long group(String title) {
        JsonNode chats = sandbox.get("/sandbox/api/chats");
        for (JsonNode chat : chats.path("chats").isMissingNode() ? chats : chats.path("chats")) {
            if (title.equals(chat.path("title").asString())) {
                return chat.path("id").asLong();
            }
        }
        throw new IllegalStateException("no sandbox group " + title);
    }

    /** The persona's private chat with the bot, opened in the page, and /start typed there (which sets the menu button). */
    private static void startPrivateChatAs(String persona) {
        browser.switchTo().defaultContent();
        waiting().until(driver -> new Select(driver.findElement(By.id("persona"))).getOptions().size() >= 15);
        waiting().ignoring(StaleElementReferenceException.class).until(driver -> {
            new Select(driver.findElement(By.id("persona"))).selectByVisibleText(persona);
            return true;
        });
        sandbox.privateChat(user(persona));
        click(By.xpath("//ul[@id='chats']/li[contains(., '" + persona + " ↔')]"));
        waiting().until(driver -> driver.findElement(By.id("chat-title")).getText().contains(persona + " ↔"));
        WebElement box = waiting().until(driver -> driver.findElement(By.id("text")));
        box.sendKeys("/start");
        box.sendKeys(Keys.ENTER);
    }

    /** The console's text, read inside its panel. */
    private static String consoleText() {
        return waiting().ignoring(StaleElementReferenceException.class).until(driver -> driver.findElement(By.tagName("main")).getText());
    }

    @Test
    @Order(1)
    void theCoordinatorOpensTheConsoleFromTheMenuButtonAndTheBoardFollowsATap() throws IOException {
        browser.get(base + "/sandbox");
        startPrivateChatAs("王芳");
        click(By.id("webapp-menu"));
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("webapp-frame")));
        waiting().ignoring(StaleElementReferenceException.class).withMessage(() -> "the board never showed the demo call at 3/20: " + consoleText())
                .until(driver -> consoleText().contains("百家湖核酸检测点 · 早班") && consoleText().contains("已报名 3/20"));
        browser.switchTo().defaultContent();
        screenshot("console-board-in-sandbox.png");

        long huang = user("黄磊");
        long groupB = group("东山街道志愿者群");
        int copy = sandbox.botMessagesUntil(groupB, 0, Duration.ofSeconds(15), list -> list.stream()
                        .anyMatch(m -> m.path("text").asString().contains("早班"))).stream()
                .filter(m -> m.path("text").asString().contains("早班")).findFirst().orElseThrow().path("message_id").asInt();
        long tapped = System.nanoTime();
        assertThat(sandbox.toast(sandbox.pressLabel(groupB, huang, copy, "🙋 我报名"))).contains("报名成功");
        browser.switchTo().frame(browser.findElement(By.id("webapp-frame")));
        waiting().ignoring(StaleElementReferenceException.class).withMessage(() -> "the board never showed 4/20: " + consoleText()).until(driver -> consoleText().contains("已报名 4/20"));
        System.out.printf("ConsoleBrowserTest: the board showed the tap after %.2f s (the tap's answer included)%n",
                (System.nanoTime() - tapped) / 1e9);
        // the time of the last refresh: 24-hour, in the organisation's zone whatever the browser's
        String footer = browser.findElement(By.id("updated")).getText();
        java.util.regex.Matcher updated = java.util.regex.Pattern.compile("更新于 (\\d{2}):(\\d{2}):(\\d{2})$").matcher(footer);
        assertThat(updated.find()).as("the refresh time in Chinese, 24-hour: " + footer).isTrue();
        int shown = Integer.parseInt(updated.group(1)) * 3600 + Integer.parseInt(updated.group(2)) * 60 + Integer.parseInt(updated.group(3));
        int shanghai = java.time.LocalTime.now(java.time.ZoneId.of("Asia/Shanghai")).toSecondOfDay();
        assertThat(Math.floorMod(shanghai - shown + 43_200, 86_400) - 43_200).as("seconds between Shanghai's time and the shown one")
                .isBetween(-120, 120);
        browser.switchTo().defaultContent();
        screenshot("console-board-after-tap.png");
    }

    @Test
    @Order(2)
    void theUrlTelegramWouldOpenRendersTheBoardAndOneChangedCharacterOfItsHashIsRefused() throws Exception {
        long coordinator = user("王芳");
        long chat = sandbox.privateChat(coordinator);
        String url = sandbox.post("/sandbox/api/webapp", Map.of("chat_id", chat, "from", coordinator)).path("url").asString();
        assertThat(url).contains("#tgWebAppData=");

        browser.switchTo().defaultContent();
        browser.get(url);
        waiting().ignoring(StaleElementReferenceException.class).withMessage(() -> "the board did not render: " + consoleText()).until(driver -> consoleText().contains("已报名"));
        screenshot("console-board.png");
        click(By.id("tab-sites"));
        waiting().until(driver -> !driver.findElements(By.cssSelector("#sites svg g.site")).isEmpty());
        screenshot("console-sites.png");
        click(By.id("tab-figures"));
        waiting().ignoring(StaleElementReferenceException.class).until(driver -> consoleText().contains("按区域")
                && !driver.findElements(By.cssSelector("#figures svg.chart rect")).isEmpty());
        screenshot("console-figures.png");

        String data = URLDecoder.decode(url.substring(url.indexOf("tgWebAppData=") + 13).split("&", 2)[0], StandardCharsets.UTF_8);
        int at = data.indexOf("hash=") + 5;
        String changed = data.substring(0, at) + (data.charAt(at) == 'a' ? 'b' : 'a') + data.substring(at + 1);
        int status = sandbox.raw(HttpRequest.newBuilder(URI.create(base + "/app/api/board")).header("Authorization", "tma " + changed).build())
                .statusCode();
        assertThat(status).isEqualTo(401);
        int good = sandbox.raw(HttpRequest.newBuilder(URI.create(base + "/app/api/board")).header("Authorization", "tma " + data).build())
                .statusCode();
        assertThat(good).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theLeaderChecksAMemberInFromTheConsoleAndTheGroupsRosterShowsIt() throws IOException {
        long leader = user("赵敏");
        long groupB = group("东山街道志愿者群");
        sandbox.say(groupB, leader, "/checkin");
        JsonNode roster = sandbox.botMessagesUntil(groupB, 0, Duration.ofSeconds(15), list -> list.stream()
                        .anyMatch(m -> m.path("text").asString().contains("签到：东山街道卡口值守"))).stream()
                .filter(m -> m.path("text").asString().contains("签到：东山街道卡口值守")).reduce((a, b) -> b).orElseThrow();
        assertThat(SandboxClient.buttonLabels(roster)).contains("⬜ 周婷");

        browser.get(base + "/sandbox");
        startPrivateChatAs("赵敏");
        click(By.id("webapp-menu"));
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("webapp-frame")));
        waiting().ignoring(StaleElementReferenceException.class).withMessage(() -> "today's shift never showed: " + consoleText()).until(driver -> consoleText().contains("东山街道卡口值守"));
        click(By.xpath("//li[@data-name='周婷']//button[@data-action='in']"));
        // the console redraws the shift every second: read the row afresh until it says so
        waiting().ignoring(StaleElementReferenceException.class)
                .until(driver -> "in".equals(driver.findElement(By.xpath("//li[@data-name='周婷']")).getAttribute("data-state")));
        browser.switchTo().defaultContent();
        screenshot("console-leader-checked-in.png");

        int rosterId = roster.path("message_id").asInt();
        JsonNode redrawn = sandbox.botMessagesUntil(groupB, 0, Duration.ofSeconds(15), list -> list.stream()
                .anyMatch(m -> m.path("message_id").asInt() == rosterId && !SandboxClient.buttonLabels(m).contains("⬜ 周婷")))
                .stream().filter(m -> m.path("message_id").asInt() == rosterId).findFirst().orElseThrow();
        assertThat(SandboxClient.buttonLabels(redrawn)).doesNotContain("⬜ 周婷").anyMatch(label -> label.contains("周婷"));
    }
}
