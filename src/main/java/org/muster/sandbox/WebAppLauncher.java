package org.muster.sandbox;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opens a Mini App as Telegram's web client (Telegram Web A) does: the button's URL with the launch
 * parameters in its fragment — {@code tgWebAppData} (the signed {@code initData}),
 * {@code tgWebAppVersion}, {@code tgWebAppPlatform} and {@code tgWebAppThemeParams} — replacing any
 * fragment the URL had. From an inline button the data carries a fresh {@code query_id}; from the
 * menu button it does not.
 */
@Component
@ConditionalOnSandbox
class WebAppLauncher {

    /** The Bot API version whose Mini App features the emulated client claims. */
    static final String VERSION = "8.0";
    static final String PLATFORM = "weba";

    private static final Logger log = LoggerFactory.getLogger(WebAppLauncher.class);

    private final SandboxWorld world;
    private final BotIdentity bot;
    private final SandboxClock clock;
    private final SecureRandom random = new SecureRandom();

    WebAppLauncher(SandboxWorld world, BotIdentity bot, SandboxClock clock) {
        this.world = world;
        this.bot = bot;
        this.clock = clock;
    }

    /** Telegram Web A's light theme, as the client sends it to Mini Apps. */
    static ObjectNode themeParams() {
        return SandboxJson.object()
                .put("bg_color", "#ffffff")
                .put("text_color", "#000000")
                .put("hint_color", "#707579")
                .put("link_color", "#3390ec")
                .put("button_color", "#3390ec")
                .put("button_text_color", "#ffffff")
                .put("secondary_bg_color", "#f4f4f5")
                .put("header_bg_color", "#ffffff")
                .put("accent_text_color", "#3390ec")
                .put("section_bg_color", "#ffffff")
                .put("section_header_text_color", "#3390ec")
                .put("subtitle_text_color", "#707579")
                .put("destructive_text_color", "#e53935")
                .put("bottom_bar_bg_color", "#ffffff");
    }

    /**
     * The URL the user's client opens for a {@code web_app} button: the inline button labelled
     * {@code buttonText} on message {@code messageId}, or the chat's menu button when both are null.
     */
    String open(long chatId, long fromId, Integer messageId, String buttonText) {
        if ((messageId == null) != (buttonText == null)) {
            throw ControlApiException.badRequest("A Mini App opens from an inline button (give message_id and button_text) "
                    + "or from the chat's menu button (give neither).");
        }
        // a read, unless the user's private chat has to be opened first
        boolean opensChat = world.read(() -> world.chat(chatId).isEmpty());
        return opensChat ? world.write(() -> launch(chatId, fromId, messageId, buttonText))
                : world.read(() -> launch(chatId, fromId, messageId, buttonText));
    }

    /** Caller holds the lock. */
    private String launch(long chatId, long fromId, Integer messageId, String buttonText) {
        SandboxUser user = world.user(fromId)
                .orElseThrow(() -> ControlApiException.notFound("There is no user " + fromId + "."));
        SandboxChat chat = privateChat(chatId, fromId);
        String url;
        Map<String, String> data = new LinkedHashMap<>();
        if (messageId != null) {
            url = inlineButtonUrl(chat, messageId, buttonText);
            data.put("query_id", queryId());
        } else {
            url = menuButtonUrl(chat);
        }
        data.put("user", userJson(user));
        data.put("chat_instance", chat.chatInstance);
        data.put("chat_type", "private");
        data.put("auth_date", Long.toString(clock.unixSeconds()));
        String launch = url.replaceFirst("#.*$", "")
                + "#tgWebAppData=" + WebAppInitData.encode(WebAppInitData.signed(data, bot.token()))
                + "&tgWebAppVersion=" + VERSION
                + "&tgWebAppPlatform=" + PLATFORM
                + "&tgWebAppThemeParams=" + WebAppInitData.encode(SandboxJson.MAPPER.writeValueAsString(themeParams()));
        log.debug("Sandbox: Mini App at {} opened from {}", host(url), messageId == null ? "a menu button" : "an inline button");
        return launch;
    }

    /** The chat a Mini App button can be in: the user's private chat with the bot (opened if need be, as Telegram's client does). */
    private SandboxChat privateChat(long chatId, long fromId) {
        Optional<SandboxChat> existing = world.chat(chatId);
        if (existing.isEmpty()) {
            if (chatId == fromId) {
                return world.openPrivateChat(fromId);
            }
            throw ControlApiException.notFound("There is no chat " + chatId + ".");
        }
        SandboxChat chat = existing.get();
        if (!chat.isMember(fromId)) {
            throw ControlApiException.forbidden("User " + fromId + " is not a member of chat " + chatId + ".");
        }
        if (!chat.isPrivate()) {
            throw ControlApiException.badRequest("Chat " + chatId + " is a group; Mini App buttons exist only in private "
                    + "chats with the bot.");
        }
        return chat;
    }

    private String inlineButtonUrl(SandboxChat chat, int messageId, String label) {
        SandboxMessage message = chat.message(messageId).orElseThrow(() ->
                ControlApiException.notFound("There is no message " + messageId + " in chat " + chat.id + "."));
        if (!bot.isBot(message.fromId)) {
            throw ControlApiException.badRequest("Message " + messageId + " was not sent by the bot; only the bot's "
                    + "messages carry inline buttons.");
        }
        JsonNode button = ReplyMarkupParser.inlineButtons(message.replyMarkup).stream()
                .filter(candidate -> label.equals(candidate.path("text").asString(null)))
                .findFirst()
                .orElseThrow(() -> ControlApiException.notFound("Message " + messageId + " has no inline button labelled \""
                        + label + "\"."));
        if (!button.has("web_app")) {
            throw ControlApiException.badRequest("The button \"" + label + "\" of message " + messageId
                    + " is not a web_app button; press it with POST /sandbox/api/callbacks instead.");
        }
        return button.get("web_app").get("url").stringValue();
    }

    private String menuButtonUrl(SandboxChat chat) {
        ObjectNode button = world.effectiveMenuButton(chat.id);
        if (!"web_app".equals(button.path("type").asString(null))) {
            throw ControlApiException.notFound("Chat " + chat.id + " has no Mini App menu button: its menu button is \""
                    + button.path("type").asString("") + "\" (set one with setChatMenuButton).");
        }
        return button.get("web_app").get("url").stringValue();
    }

    /** The user as Telegram puts it in initData. */
    private static String userJson(SandboxUser user) {
        ObjectNode json = SandboxJson.object().put("id", user.id).put("first_name", user.firstName);
        SandboxJson.putIfPresent(json, "last_name", user.lastName);
        SandboxJson.putIfPresent(json, "username", user.username);
        SandboxJson.putIfPresent(json, "language_code", user.languageCode);
        json.put("allows_write_to_pm", true);
        return SandboxJson.MAPPER.writeValueAsString(json);
    }

    /** Like Telegram's: 24 characters of base64. */
    private String queryId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return "AA" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
