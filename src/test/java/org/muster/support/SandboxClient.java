package org.muster.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the sandbox's control API over real HTTP, as a person at the sandbox page or a demo
 * script would: create users and chats, type messages, press buttons, read transcripts.
 */
public final class SandboxClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public SandboxClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public long createUser(String firstName, String languageCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", firstName);
        if (languageCode != null) {
            body.put("language_code", languageCode);
        }
        return post("/sandbox/api/users", body).path("id").asLong();
    }

    public long createUser(long id, String firstName, String languageCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("first_name", firstName);
        body.put("language_code", languageCode);
        return post("/sandbox/api/users", body).path("id").asLong();
    }

    public long privateChat(long userId) {
        return post("/sandbox/api/chats", Map.of("type", "private", "members", List.of(userId))).path("id").asLong();
    }

    public long group(String title, Long... members) {
        return post("/sandbox/api/chats", Map.of("type", "supergroup", "title", title, "members", List.of(members))).path("id").asLong();
    }

    /** A supergroup where the bot is an administrator: it receives every message, privacy mode or not. */
    public long groupWithAdminBot(String title, Long... members) {
        return post("/sandbox/api/chats", Map.of("type", "supergroup", "title", title, "members", List.of(members), "bot_admin", true))
                .path("id").asLong();
    }

    /** Sends a text as {@code from}; returns the new message's id. */
    public int say(long chatId, long from, String text) {
        return post("/sandbox/api/messages", Map.of("chat_id", chatId, "from", from, "text", text)).path("message_id").asInt();
    }

    public JsonNode sayRaw(long chatId, long from, String text) {
        return post("/sandbox/api/messages", Map.of("chat_id", chatId, "from", from, "text", text));
    }

    public String press(long chatId, long from, int messageId, String data) {
        return post("/sandbox/api/callbacks", Map.of("chat_id", chatId, "from", from, "message_id", messageId, "data", data))
                .path("callback_query_id").asString();
    }

    public String pressLabel(long chatId, long from, int messageId, String label) {
        return post("/sandbox/api/callbacks", Map.of("chat_id", chatId, "from", from, "message_id", messageId, "button_text", label))
                .path("callback_query_id").asString();
    }

    public JsonNode callback(String id) {
        return get("/sandbox/api/callbacks/" + id);
    }

    public JsonNode settings(Map<String, Object> settings) {
        return post("/sandbox/api/settings", settings);
    }

    public List<JsonNode> messages(long chatId, int after) {
        List<JsonNode> out = new ArrayList<>();
        get("/sandbox/api/chats/" + chatId + "/messages?after=" + after).forEach(out::add);
        return out;
    }

    /**
     * What the bot said in the chat after message {@code after} and before it answered a later marker:
     * {@code from} sends {@code /help@bot} there, and since one chat's updates are handled and answered
     * in order, anything message {@code after} caused would come before the marker's answer. The proof
     * that something did not happen, without sleeping to guess.
     */
    public List<JsonNode> botMessagesBeforeMarker(long chatId, long from, int after) {
        String username = get("/sandbox/api/bot").path("username").asString();
        int marker = say(chatId, from, "/help@" + username);
        List<JsonNode> fromBot = botMessagesUntil(chatId, after, Duration.ofSeconds(15), list -> list.stream()
                .anyMatch(m -> m.path("message_id").asInt() > marker && m.path("text").asString().contains("/lang")));
        int answer = fromBot.stream().filter(m -> m.path("message_id").asInt() > marker && m.path("text").asString().contains("/lang"))
                .mapToInt(m -> m.path("message_id").asInt()).min().orElseThrow();
        return fromBot.stream().filter(m -> m.path("message_id").asInt() < answer).toList();
    }

    /** The bot's messages after {@code after}, waiting until one satisfies {@code until} (or failing after the timeout). */
    public List<JsonNode> botMessagesUntil(long chatId, int after, Duration timeout, Predicate<List<JsonNode>> until) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> all = messages(chatId, after);
            List<JsonNode> fromBot = all.stream().filter(m -> "bot".equals(m.path("from").asString())).toList();
            if (until.test(fromBot)) {
                return fromBot;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the bot did not answer as expected in chat " + chatId + " after message " + after
                        + "; it said: " + fromBot.stream().map(m -> m.path("text").asString()).toList()
                        + "\nthe transcript from there: " + messages(chatId, Math.max(0, after - 3)));
            }
            // wait past what this snapshot saw, so a message that arrives now is not missed
            int seen = all.stream().mapToInt(m -> m.path("message_id").asInt()).max().orElse(after);
            get("/sandbox/api/chats/" + chatId + "/messages/wait?after=" + seen + "&timeout="
                    + Math.max(1, Math.min(5, Duration.ofNanos(left).toSeconds())));
        }
    }

    /** Waits for the bot's first message after {@code after} and returns it. */
    public JsonNode nextBotMessage(long chatId, int after) {
        return botMessagesUntil(chatId, after, Duration.ofSeconds(10), list -> !list.isEmpty()).get(0);
    }

    public JsonNode post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        return send(request);
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public HttpResponse<String> raw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = raw(request);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** One message of the transcript (empty node if it is not there). */
    public JsonNode message(long chatId, int messageId) {
        return messages(chatId, messageId - 1).stream().filter(m -> m.path("message_id").asInt() == messageId)
                .findFirst().orElse(json.createObjectNode());
    }

    /** Waits (up to 20 s: a loaded 2-core machine took more than 10) until the message satisfies the condition, e.g. after the bot edited it. */
    public JsonNode waitFor(long chatId, int messageId, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode message = message(chatId, messageId);
        while (!condition.test(message)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message " + messageId + " in chat " + chatId + " never became as expected: " + message);
            }
            sleep(30);
            message = message(chatId, messageId);
        }
        return message;
    }

    /** Presses the button labelled {@code label} once the message shows it. */
    public String pressWhenShown(long chatId, long from, int messageId, String label) {
        waitFor(chatId, messageId, m -> buttonLabels(m).contains(label));
        return pressLabel(chatId, from, messageId, label);
    }

    /** The toast a button press got (waits until the bot answered it). */
    public String toast(String callbackId) {
        return answered(callbackId).path("text").asString("");
    }

    /** The press once the bot answered it, with {@code answered_after_ms}; fails after 10 s unanswered. */
    public JsonNode answered(String callbackId) {
        JsonNode state = get("/sandbox/api/callbacks/" + callbackId + "/wait?timeout=10");
        if (!state.path("answered").asBoolean()) {
            throw new AssertionError("button press " + callbackId + " was never answered");
        }
        return state;
    }

    public int shareContact(long chatId, long from, String phone, long contactUserId) {
        return post("/sandbox/api/messages", Map.of("chat_id", chatId, "from", from,
                "contact", Map.of("phone_number", phone, "first_name", "x", "user_id", contactUserId))).path("message_id").asInt();
    }

    public void addMember(long chatId, long userId) {
        post("/sandbox/api/chats/" + chatId + "/members", Map.of("user_id", userId));
    }

    public void removeMember(long chatId, long userId) {
        raw(HttpRequest.newBuilder(URI.create(base + "/sandbox/api/chats/" + chatId + "/members/" + userId)).DELETE().build());
    }

    /** Sends {@code text} as a reply to {@code replyTo}; returns the new message's id. */
    public int reply(long chatId, long from, int replyTo, String text) {
        return post("/sandbox/api/messages", Map.of("chat_id", chatId, "from", from, "text", text, "reply_to_message_id", replyTo))
                .path("message_id").asInt();
    }

    /** The last message the bot posted in the chat. */
    public JsonNode lastBotMessage(long chatId) {
        List<JsonNode> fromBot = messages(chatId, 0).stream().filter(m -> "bot".equals(m.path("from").asString())).toList();
        return fromBot.isEmpty() ? json.createObjectNode() : fromBot.get(fromBot.size() - 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static List<String> buttonLabels(JsonNode message) {
        List<String> labels = new ArrayList<>();
        message.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> labels.add(b.path("text").asString())));
        message.path("reply_markup").path("keyboard").forEach(row -> row.forEach(b -> labels.add(b.path("text").asString())));
        return labels;
    }

    /** The URLs of the message's link buttons. */
    public static List<String> buttonUrls(JsonNode message) {
        List<String> urls = new ArrayList<>();
        message.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> {
            if (b.has("url")) {
                urls.add(b.path("url").asString());
            }
        }));
        return urls;
    }

    /** The texts of bot messages, for readable assertions. */
    public static List<String> texts(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("text").asString()).toList();
    }

    /** The callback data of the message's inline buttons, row by row flattened. */
    public static List<String> buttonData(JsonNode message) {
        List<String> data = new ArrayList<>();
        message.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.path("callback_data").asString())));
        return data;
    }
}
