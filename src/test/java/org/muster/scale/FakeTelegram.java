package org.muster.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram as the instances meet it, in the test JVM: the Bot API they call (the methods TelegramBots
 * calls at start-up and when sending, answered in the Bot API's JSON shapes) and the webhook
 * deliveries it makes to nginx. Deliveries behave like Telegram's: with the secret token header; one
 * chat's updates one at a time and in order (the next only after the previous was answered 200); an
 * update answered otherwise, or not at all, is delivered again after a short back-off; many chats in
 * parallel.
 *
 * <p>Each chat keeps the messages in it (the users' and the bot's, with the bot's current text and
 * buttons, as edits leave them), so that scripted users can wait for an answer and press its buttons.
 * Every paced call (what counts against Telegram's message limits) is recorded with its arrival time.
 */
final class FakeTelegram implements AutoCloseable {

    static final long BOT_ID = 7_100_000_001L;
    static final String BOT_USERNAME = "muster_scale_bot";
    private static final Set<String> PACED = Set.of("sendmessage", "editmessagetext", "editmessagereplymarkup", "senddocument");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message in a chat; the bot's may be edited. */
    static final class Message {
        final int id;
        final boolean fromBot;
        final long sentAt = System.nanoTime();
        volatile String text;
        volatile JsonNode markup;

        Message(int id, boolean fromBot, String text, JsonNode markup) {
            this.id = id;
            this.fromBot = fromBot;
            this.text = text;
            this.markup = markup;
        }

        List<String> buttonLabels() {
            List<String> labels = new ArrayList<>();
            JsonNode keyboard = markup == null ? null : markup.path("inline_keyboard");
            if (keyboard != null && keyboard.isArray()) {
                keyboard.forEach(row -> row.forEach(button -> labels.add(button.path("text").asString())));
            }
            return labels;
        }

        String callbackData(String label) {
            JsonNode keyboard = markup == null ? null : markup.path("inline_keyboard");
            if (keyboard != null && keyboard.isArray()) {
                for (JsonNode row : keyboard) {
                    for (JsonNode button : row) {
                        if (button.path("text").asString().equals(label) && button.has("callback_data")) {
                            return button.path("callback_data").asString();
                        }
                    }
                }
            }
            return null;
        }
    }

    /** A chat: its messages (ids shared by users and the bot, as in Telegram) and its webhook lane. */
    static final class Chat {
        final long id;
        final String title;
        private final List<Message> messages = new ArrayList<>();
        private final List<Message> botMessages = new ArrayList<>();
        private final ArrayDeque<String> pending = new ArrayDeque<>();
        final List<Long> updateIds = new java.util.concurrent.CopyOnWriteArrayList<>();
        private boolean delivering;
        private int nextId = 1;

        Chat(long id, String title) {
            this.id = id;
            this.title = title;
        }

        synchronized Message add(boolean fromBot, String text, JsonNode markup) {
            Message message = new Message(nextId++, fromBot, text, markup);
            messages.add(message);
            if (fromBot) {
                botMessages.add(message);
            }
            notifyAll();
            return message;
        }

        synchronized Message message(int id) {
            return id >= 1 && id <= messages.size() ? messages.get(id - 1) : null;
        }

        synchronized void edited() {
            notifyAll();
        }

        synchronized int botCount() {
            return botMessages.size();
        }

        synchronized List<Message> botMessagesFrom(int index) {
            return new ArrayList<>(botMessages.subList(Math.min(index, botMessages.size()), botMessages.size()));
        }

        /** Waits until {@code done} holds for the bot's messages from {@code index} on; false after the timeout. */
        synchronized boolean await(int index, Predicate<List<Message>> done, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(botMessages.subList(Math.min(index, botMessages.size()), botMessages.size()))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** A paced call as it arrived. */
    record Send(long at, String method, long chatId, String text) {
    }

    private final HttpServer server;
    private final String token;
    private final String secret;
    private final Map<Long, Chat> chats = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Send> sends = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> callbackAnswers = new ConcurrentHashMap<>();
    private final Set<String> callbacksSent = ConcurrentHashMap.newKeySet();
    private final LongAdder callbackAnswersRefused = new LongAdder();
    private final AtomicLong updateIds = new AtomicLong(880_000_000L);
    private final AtomicInteger callbackIds = new AtomicInteger();
    /** One thread per chat being delivered to, as many as there are: a fixed pool would starve the chats beyond it. */
    private final ExecutorService deliverers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-telegram-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(8, r -> {
                Thread thread = new Thread(r, "fake-telegram-http");
                thread.setDaemon(true);
                return thread;
            })).build();
    private volatile URI webhook;
    /** Chats whose paced calls are answered 429 (retry after 1 s), as a flood-limited chat's are. */
    private final Set<Long> flooded = ConcurrentHashMap.newKeySet();
    private final LongAdder floodRefusals = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final Map<String, LongAdder> answersByStatus = new ConcurrentHashMap<>();
    private final Set<Long> updatesAccepted = ConcurrentHashMap.newKeySet();
    private final LongAdder updatesCreated = new LongAdder();
    private final Map<Long, List<String>> deliveryHistory = new ConcurrentHashMap<>();
    /** Per update, when a delivery was answered other than 200 ({@link System#nanoTime()}). */
    private final Map<Long, List<Long>> refusedAt = new ConcurrentHashMap<>();

    FakeTelegram(String token, String secret) throws IOException {
        this.token = token;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(32, r -> {
            Thread thread = new Thread(r, "fake-telegram-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::serve);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Where updates are posted (nginx); set before the first update is made. */
    void deliverTo(URI webhook) {
        this.webhook = webhook;
    }

    Chat chat(long id) {
        return chats.computeIfAbsent(id, i -> new Chat(i, i > 0 ? null : "Group " + (-i)));
    }

    // ---- the Bot API side ----

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String answer;
            int status = 200;
            if (!path.startsWith("/bot" + token + "/")) {
                status = 404;
                answer = "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}";
            } else {
                String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                calls.computeIfAbsent(method, m -> new LongAdder()).increment();
                JsonNode request = json(exchange.getRequestHeaders().getFirst("Content-Type"), body);
                if (PACED.contains(method) && flooded.contains(longOf(request.path("chat_id")))) {
                    floodRefusals.increment();
                    status = 429;
                    answer = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                            + "\"parameters\":{\"retry_after\":1}}";
                } else {
                    answer = answer(method, request);
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            System.err.println("fake Telegram: " + e);
            throw e;
        }
    }

    /** A JSON body read; a form (TelegramBots posts setWebhook as multipart/form-data) as an empty object. */
    private static JsonNode json(String contentType, byte[] body) {
        if (body.length == 0 || contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(body);
    }

    private String answer(String method, JsonNode request) {
        long chatId = longOf(request.path("chat_id"));
        if (PACED.contains(method)) {
            sends.add(new Send(System.nanoTime(), method, chatId, request.path("text").asString("")));
        }
        switch (method) {
            case "getme":
                return ok(botUser());
            case "sendmessage": {
                JsonNode markup = markup(request);
                Message message = chat(chatId).add(true, request.path("text").asString(""), markup);
                return ok(messageJson(chat(chatId), message));
            }
            case "senddocument": {
                Message message = chat(chatId).add(true, "[document]", null);
                return ok(messageJson(chat(chatId), message));
            }
            case "editmessagetext":
            case "editmessagereplymarkup": {
                Chat chat = chat(chatId);
                Message message = chat.message(request.path("message_id").asInt());
                if (message == null || !message.fromBot) {
                    return "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message to edit not found\"}";
                }
                String text = method.equals("editmessagetext") ? request.path("text").asString("") : message.text;
                JsonNode markup = markup(request);
                if (text.equals(message.text) && String.valueOf(markup).equals(String.valueOf(message.markup))) {
                    return "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is not modified: specified new "
                            + "message content and reply markup are exactly the same as a current content and reply markup of the message\"}";
                }
                message.text = text;
                message.markup = markup;
                chat.edited();
                return ok(messageJson(chat, message));
            }
            case "answercallbackquery": {
                String id = request.path("callback_query_id").asString();
                LongAdder answers = callbackAnswers.computeIfAbsent(id, i -> new LongAdder());
                synchronized (answers) {
                    if (answers.sum() > 0) {
                        // Telegram takes one answer per query: a second (a reply sent again after a kill -9) is refused
                        callbackAnswersRefused.increment();
                        return "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: query is too old and response timeout "
                                + "expired or query ID is invalid\"}";
                    }
                    answers.increment();
                }
                return "{\"ok\":true,\"result\":true}";
            }
            case "getwebhookinfo":
                return "{\"ok\":true,\"result\":{\"url\":\"" + webhook + "\",\"has_custom_certificate\":false,\"pending_update_count\":0}}";
            default:
                // setWebhook, deleteWebhook, setMyCommands, setChatMenuButton, deleteMessage, ...: all true
                return "{\"ok\":true,\"result\":true}";
        }
    }

    private static JsonNode markup(JsonNode request) {
        JsonNode markup = request.get("reply_markup");
        if (markup == null || markup.isNull()) {
            return null;
        }
        if (markup.isString()) {
            return JSON.readTree(markup.asString());
        }
        return markup.has("inline_keyboard") ? markup : null;
    }

    private static String ok(JsonNode result) {
        return "{\"ok\":true,\"result\":" + result + "}";
    }

    private static ObjectNode botUser() {
        return JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true).put("first_name", "Muster").put("username", BOT_USERNAME)
                .put("can_join_groups", true).put("can_read_all_group_messages", false).put("supports_inline_queries", false);
    }

    private static ObjectNode chatJson(Chat chat) {
        ObjectNode json = JSON.createObjectNode().put("id", chat.id);
        if (chat.id > 0) {
            return json.put("type", "private").put("first_name", "V" + chat.id);
        }
        return json.put("type", "group").put("title", chat.title);
    }

    private static ObjectNode userJson(long user) {
        return JSON.createObjectNode().put("id", user).put("is_bot", false).put("first_name", "V" + user).put("language_code", "zh");
    }

    private ObjectNode messageJson(Chat chat, Message message) {
        ObjectNode json = JSON.createObjectNode().put("message_id", message.id);
        json.set("from", message.fromBot ? botUser() : userJson(chat.id));
        json.set("chat", chatJson(chat));
        json.put("date", System.currentTimeMillis() / 1000);
        json.put("text", message.text);
        if (message.markup != null) {
            json.set("reply_markup", message.markup);
        }
        return json;
    }

    private static long longOf(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseLong(node.asString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- the users' side: updates, delivered as Telegram delivers them ----

    /** A user writes in a chat; returns the message's id. Commands carry their bot_command entity. */
    int say(long chatId, long user, String text) {
        Chat chat = chat(chatId);
        Message message = chat.add(false, text, null);
        ObjectNode json = userMessage(chat, user, message);
        json.put("text", text);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            ArrayNode entities = json.putArray("entities");
            entities.addObject().put("type", "bot_command").put("offset", 0).put("length", end < 0 ? text.length() : end);
        }
        post(chat, "message", json);
        return message.id;
    }

    /** A user shares their own contact in their private chat. */
    int shareContact(long user, String phone) {
        Chat chat = chat(user);
        Message message = chat.add(false, null, null);
        ObjectNode json = userMessage(chat, user, message);
        json.putObject("contact").put("phone_number", phone).put("first_name", "V" + user).put("user_id", user);
        post(chat, "message", json);
        return message.id;
    }

    /** A user presses the button labelled {@code label} under the bot's message; returns the callback query's id. */
    String press(long chatId, long user, int messageId, String label) {
        Chat chat = chat(chatId);
        Message message = chat.message(messageId);
        String data = message == null ? null : message.callbackData(label);
        if (data == null) {
            throw new AssertionError("no button '" + label + "' under message " + messageId + " in chat " + chatId + ": "
                    + (message == null ? "no such message" : message.buttonLabels()));
        }
        String id = "cq" + callbackIds.incrementAndGet();
        ObjectNode query = JSON.createObjectNode().put("id", id);
        query.set("from", userJson(user));
        query.set("message", messageJson(chat, message));
        query.put("chat_instance", "ci" + chatId);
        query.put("data", data);
        callbacksSent.add(id);
        post(chat, "callback_query", query);
        return id;
    }

    private ObjectNode userMessage(Chat chat, long user, Message message) {
        ObjectNode json = JSON.createObjectNode().put("message_id", message.id);
        json.set("from", userJson(user));
        json.set("chat", chatJson(chat));
        json.put("date", System.currentTimeMillis() / 1000);
        return json;
    }

    private void post(Chat chat, String kind, ObjectNode content) {
        long id = updateIds.incrementAndGet();
        ObjectNode update = JSON.createObjectNode().put("update_id", id);
        update.set(kind, content);
        updatesCreated.increment();
        chat.updateIds.add(id);
        boolean start;
        synchronized (chat) {
            chat.pending.addLast(update.toString());
            start = !chat.delivering;
            chat.delivering = true;
        }
        if (start) {
            deliverers.execute(() -> drain(chat));
        }
    }

    /** One chat's updates one at a time, in order; the next only after this one was answered 200. */
    private void drain(Chat chat) {
        long backoff = 100;
        while (true) {
            String update;
            synchronized (chat) {
                update = chat.pending.peekFirst();
                if (update == null) {
                    chat.delivering = false;
                    return;
                }
            }
            int status;
            try {
                deliveries.increment();
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", secret)
                        .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.discarding());
                status = answer.statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String answered = status < 0 ? "no answer" : Integer.toString(status);
            if (status != 200) {
                refusedAt.computeIfAbsent(JSON.readTree(update).path("update_id").asLong(), i -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(System.nanoTime());
            }
            answersByStatus.computeIfAbsent(answered, s -> new LongAdder()).increment();
            deliveryHistory.computeIfAbsent(JSON.readTree(update).path("update_id").asLong(), i -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(answered + "@" + (System.nanoTime() / 1_000_000 % 1_000_000));
            if (status == 200) {
                updatesAccepted.add(JSON.readTree(update).path("update_id").asLong());
                synchronized (chat) {
                    chat.pending.pollFirst();
                }
                backoff = 100;
                continue;
            }
            redeliveries.increment();
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(1000, backoff * 2);
        }
    }

    /** From now on the chat's paced calls are refused with 429 ({@code true}), or taken again. */
    void flood(long chatId, boolean on) {
        if (on) {
            flooded.add(chatId);
        } else {
            flooded.remove(chatId);
        }
    }

    long floodRefusals() {
        return floodRefusals.sum();
    }

    // ---- figures ----

    /** Whether a delivery of the update was answered other than 200 between the two instants ({@link System#nanoTime()}). */
    boolean refusedBetween(long updateId, long from, long to) {
        return refusedAt.getOrDefault(updateId, List.of()).stream().anyMatch(t -> t >= from && t <= to);
    }

    /** How each delivery of the update was answered (status@ms), for a reader of a failure. */
    List<String> deliveriesOf(long updateId) {
        return deliveryHistory.getOrDefault(updateId, List.of());
    }

    List<Send> sends() {
        return new ArrayList<>(sends);
    }

    long calls(String method) {
        LongAdder count = calls.get(method.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.sum();
    }

    Map<String, LongAdder> calls() {
        return calls;
    }

    /** Callback queries answered other than exactly once: id → answers (0 for none). */
    /** Answers to a callback query that had been answered already (refused, as Telegram does). */
    long callbackAnswersRefused() {
        return callbackAnswersRefused.sum();
    }

    Map<String, Long> callbacksNotAnsweredOnce() {
        Map<String, Long> wrong = new java.util.TreeMap<>();
        for (String id : callbacksSent) {
            LongAdder answers = callbackAnswers.get(id);
            long n = answers == null ? 0 : answers.sum();
            if (n != 1) {
                wrong.put(id, n);
            }
        }
        return wrong;
    }

    long callbacksSent() {
        return callbacksSent.size();
    }

    long updatesCreated() {
        return updatesCreated.sum();
    }

    long updatesAccepted() {
        return updatesAccepted.size();
    }

    long deliveries() {
        return deliveries.sum();
    }

    long redeliveries() {
        return redeliveries.sum();
    }

    Map<String, LongAdder> answersByStatus() {
        return answersByStatus;
    }

    /** Chats with updates not yet answered 200. */
    long chatsStillDelivering() {
        return chats.values().stream().filter(c -> {
            synchronized (c) {
                return !c.pending.isEmpty();
            }
        }).count();
    }

    /** The most paced calls that arrived within any window of {@code window}. */
    static int maxInWindow(List<Send> sends, Duration window) {
        long[] at = sends.stream().mapToLong(Send::at).sorted().toArray();
        int best = 0;
        int from = 0;
        for (int to = 0; to < at.length; to++) {
            while (at[to] - at[from] >= window.toNanos()) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    @Override
    public void close() {
        server.stop(0);
        deliverers.shutdownNow();
    }
}
