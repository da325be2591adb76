package org.muster.sandbox;

import sandboxonly.SandboxOnlyApplication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.support.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.sandbox.ControlApi.json;

/**
 * The sandbox page opens Mini Apps as Telegram's web client does, in a real headless Chromium
 * (Debian's {@code chromium} and {@code chromium-driver}; skipped without them unless
 * {@code MUSTER_REQUIRE_BROWSER} is set). The Mini App is a tiny page served by the test on
 * 127.0.0.1 that loads {@code /sandbox/telegram-web-app.js}: it sees its user in
 * {@code Telegram.WebApp.initDataUnsafe}, shows a MainButton, asks a confirm, shows the BackButton
 * and closes itself, each through the page's panel.
 */
@org.junit.jupiter.api.extension.ExtendWith(MiniAppPanelBrowserTest.ScreenshotOnFailure.class)
class MiniAppPanelBrowserTest {

    static class ScreenshotOnFailure implements org.junit.jupiter.api.extension.TestWatcher {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            Chromium.keepEvidence(browser, "mini-app", context.getRequiredTestMethod().getName());
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String TOKEN = "1000000001:sandbox";

    /** The Mini App: everything it learns and hears goes into the page, for the test to read. */
    private static final String MINI_APP = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>console</title>
            <script src="http://127.0.0.1:%d/sandbox/telegram-web-app.js"></script></head>
            <body><p id="user"></p><p id="launch"></p><p id="bg"></p><p id="events"></p>
            <script>
              const app = window.Telegram.WebApp;
              const log = (what) => { document.getElementById('events').textContent += what + ';'; };
              const user = app.initDataUnsafe.user;
              document.getElementById('user').textContent = user ? user.id + ' ' + user.first_name : 'none';
              document.getElementById('launch').textContent = [app.colorScheme, app.version, app.platform,
                typeof app.initDataUnsafe.auth_date, app.initDataUnsafe.query_id ? 'query' : 'menu',
                app.initData.indexOf('hash=') >= 0].join(' ');
              document.getElementById('bg').textContent =
                getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color').trim();
              app.onEvent('themeChanged', () => log('theme'));
              app.MainButton.setText('Save').show();
              app.MainButton.onClick(() => {
                log('main');
                app.showConfirm('Really?', (ok) => { log('confirm:' + ok); app.BackButton.show(); });
              });
              app.BackButton.onClick(() => { log('back'); app.close(); });
              app.ready();
            </script></body></html>
            """;

    private static ConfigurableApplicationContext app;
    private static HttpServer miniApp;
    private static ChromeDriver browser;
    private static ControlApi control;
    private static String page;
    private static String appUrl;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumePresent();
        List<String> properties = new ArrayList<>(List.of(SandboxOnlyApplication.PROPERTIES));
        properties.add("server.port=0");
        app = new SpringApplicationBuilder(SandboxOnlyApplication.class).run(SandboxOnlyApplication.arguments(properties));
        int port = app.getBean(SandboxEndpoint.class).port();
        control = new ControlApi(port);
        page = "http://localhost:" + port + "/sandbox";

        byte[] html = MINI_APP.formatted(port).getBytes(StandardCharsets.UTF_8);
        miniApp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        miniApp.createContext("/app/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        miniApp.start();
        appUrl = "http://127.0.0.1:" + miniApp.getAddress().getPort() + "/app/";

        browser = Chromium.start("en");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (miniApp != null) {
            miniApp.stop(0);
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

    private static boolean shown(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** Reads the Mini App's page inside the panel's iframe, then comes back to the sandbox page. */
    private static String inApp(String id) {
        browser.switchTo().frame(browser.findElement(By.id("webapp-frame")));
        try {
            return browser.findElement(By.id(id)).getText();
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    private static void waitInApp(String id, String contains) {
        waiting().ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the Mini App's #" + id + " never showed \"" + contains + "\"")
                .until(driver -> inApp(id).contains(contains));
    }

    private static ObjectNode webApp(String text, String url) {
        ObjectNode button = json().put("type", "web_app").put("text", text);
        button.putObject("web_app").put("url", url);
        return button;
    }

    @Test
    void theMenuButtonAndAnInlineButtonOpenTheMiniAppInThePanel() throws IOException {
        long user = control.privateChat("Coordinator");
        control.post("/bot" + TOKEN + "/setChatMenuButton", json().put("chat_id", user).set("menu_button", webApp("Console", appUrl)));
        control.post("/bot" + TOKEN + "/sendMessage", json().put("chat_id", user).put("text", "Your calls")
                .put("reply_markup", "{\"inline_keyboard\":[[{\"text\":\"Open calls\",\"web_app\":{\"url\":\"" + appUrl + "\"}}]]}"));

        browser.get(page);
        click(By.cssSelector("#chats li[data-chat-id='" + user + "']"));
        waiting().until(driver -> shown("webapp-menu") && driver.findElement(By.id("webapp-menu")).getText().equals("Console"));
        assertThat(shown("webapp-panel")).isFalse();

        // the menu button: the panel opens with the signed URL, and the app hears from its "client"
        click(By.id("webapp-menu"));
        waiting().until(driver -> shown("webapp-panel"));
        String src = browser.findElement(By.id("webapp-frame")).getAttribute("src");
        assertThat(src).startsWith(appUrl + "#tgWebAppData=").contains("tgWebAppVersion=8.0");
        assertThat(browser.findElement(By.id("webapp-title")).getText()).isEqualTo("Console");
        Object width = browser.executeScript("return document.getElementById('webapp-panel').getBoundingClientRect().width");
        assertThat(((Number) width).doubleValue()).isBetween(380.0, 400.0);
        waiting().until(driver -> "true".equals(driver.findElement(By.id("webapp-panel")).getAttribute("data-ready")));
        waitInApp("user", user + " Coordinator");
        assertThat(inApp("launch")).isEqualTo("light 8.0 weba number menu true");
        assertThat(inApp("bg")).isEqualTo("#ffffff");
        waitInApp("events", "theme;");

        // the app's MainButton under the frame; pressing it reaches the app, whose confirm the panel shows
        waiting().until(driver -> shown("webapp-main-button") && driver.findElement(By.id("webapp-main-button")).getText().equals("Save"));
        assertThat(shown("webapp-back")).isFalse();
        click(By.id("webapp-main-button"));
        waiting().until(driver -> shown("webapp-popup"));
        assertThat(browser.findElement(By.id("webapp-popup-message")).getText()).isEqualTo("Really?");
        browser.findElement(By.cssSelector("#webapp-popup-buttons button[data-popup-button='ok']")).click();
        waiting().until(driver -> !shown("webapp-popup"));
        waitInApp("events", "main;confirm:true;");
        screenshot("mini-app-panel.png");

        // the BackButton in the title bar; the app closes itself when it is pressed
        waiting().until(driver -> shown("webapp-back"));
        click(By.id("webapp-back"));
        waiting().until(driver -> !shown("webapp-panel"));
        assertThat(browser.findElements(By.id("webapp-frame"))).isEmpty();

        // an inline web_app button opens the same app for a session of its own (a query_id)
        click(By.cssSelector("button.inline[data-kind='web_app'][data-label='Open calls']"));
        waiting().until(driver -> shown("webapp-panel"));
        String inline = browser.findElement(By.id("webapp-frame")).getAttribute("src");
        String initData = URLDecoder.decode(inline.substring(inline.indexOf("#tgWebAppData=") + 14).split("&")[0], StandardCharsets.UTF_8);
        assertThat(initData).startsWith("query_id=");
        assertThat(browser.findElement(By.id("webapp-title")).getText()).isEqualTo("Open calls");
        waitInApp("launch", "query");
        click(By.id("webapp-close"));
        waiting().until(driver -> !shown("webapp-panel"));
    }

    private static void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }
}
