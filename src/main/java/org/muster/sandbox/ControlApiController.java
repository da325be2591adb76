package org.muster.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API ({@code /sandbox/api}), a published interface used by tests, the sandbox web page
 * and demo scripts: JSON with snake_case names; refusals are {@code {"error": "<sentence>"}} with
 * 400, 403 or 404.
 */
@RestController
@RequestMapping("/sandbox/api")
@ConditionalOnSandbox
class ControlApiController {

    private static final int DEFAULT_WAIT_SECONDS = 10;
    private static final int MAX_WAIT_SECONDS = 60;

    private final SandboxWorld world;
    private final UserActions actions;
    private final TranscriptJson json;
    private final TranscriptWaiters waiters;
    private final UpdateQueue queue;
    private final SandboxSettings settings;
    private final SandboxProperties properties;
    private final FloodLimiter flood;
    private final BotIdentity bot;
    private final WorldChanges changes;
    private final DelayedCalls delayed;
    private final WebAppLauncher webApps;
    private final ZoneId zone;

    /** {@code zone}: the organisation's ({@code muster.time-zone}), in which the page shows times as the bot does. */
    ControlApiController(SandboxWorld world, UserActions actions, TranscriptJson json, TranscriptWaiters waiters,
            UpdateQueue queue, SandboxSettings settings, SandboxProperties properties, FloodLimiter flood,
            BotIdentity bot, WorldChanges changes, DelayedCalls delayed, WebAppLauncher webApps,
            @Value("${muster.time-zone:Asia/Shanghai}") String zone) {
        this.webApps = webApps;
        this.zone = ZoneId.of(zone.trim());
        this.changes = changes;
        this.delayed = delayed;
        this.world = world;
        this.actions = actions;
        this.json = json;
        this.waiters = waiters;
        this.queue = queue;
        this.settings = settings;
        this.properties = properties;
        this.flood = flood;
        this.bot = bot;
    }

    // --- users

    @PostMapping("/users")
    ResponseEntity<byte[]> createUser(@RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        Long id = SandboxJson.present(request.get("id")) ? number(request.get("id"), "id") : null;
        SandboxUser user = actions.createUser(id, text(request, "first_name"), text(request, "last_name"),
                text(request, "username"), text(request, "language_code"));
        return ok(world.read(() -> json.user(user)));
    }

    @GetMapping("/users")
    ResponseEntity<byte[]> users() {
        return ok(world.read(() -> {
            ArrayNode list = SandboxJson.array();
            world.users().forEach(user -> list.add(json.user(user)));
            return list;
        }));
    }

    @GetMapping("/users/{userId}")
    ResponseEntity<byte[]> user(@PathVariable String userId) {
        long id = pathNumber(userId, "user id");
        return ok(world.read(() -> json.user(world.user(id)
                .orElseThrow(() -> ControlApiException.notFound("There is no user " + id + ".")))));
    }

    // --- chats

    @PostMapping("/chats")
    ResponseEntity<byte[]> createChat(@RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        String typeName = text(request, "type");
        ChatType type = ChatType.fromApiName(typeName == null ? "" : typeName.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                ControlApiException.badRequest("The chat type must be private, group or supergroup."));
        SandboxChat chat = actions.createChat(type, text(request, "title"), numbers(request.get("members"), "members"),
                numbers(request.get("admins"), "admins"), SandboxJson.flag(request.get("bot_admin")));
        return ok(world.read(() -> json.chat(chat)));
    }

    @GetMapping("/chats")
    ResponseEntity<byte[]> chats() {
        return ok(world.read(() -> {
            ArrayNode list = SandboxJson.array();
            world.chats().forEach(chat -> list.add(json.chat(chat)));
            return list;
        }));
    }

    @GetMapping("/chats/{chatId}")
    ResponseEntity<byte[]> chat(@PathVariable String chatId) {
        long id = pathNumber(chatId, "chat id");
        return ok(world.read(() -> json.chat(existingChat(id))));
    }

    @PostMapping("/chats/{chatId}/members")
    ResponseEntity<byte[]> addMember(@PathVariable String chatId, @RequestBody(required = false) byte[] body) {
        long id = pathNumber(chatId, "chat id");
        JsonNode request = object(body);
        JsonNode member = request.get("user_id");
        if (isBot(member)) {
            actions.addBot(id, SandboxJson.flag(request.get("admin")));
        } else {
            actions.join(id, number(member, "user_id"));
        }
        return ok(world.read(() -> json.chat(existingChat(id))));
    }

    @DeleteMapping("/chats/{chatId}/members/{userId}")
    ResponseEntity<byte[]> removeMember(@PathVariable String chatId, @PathVariable String userId) {
        long id = pathNumber(chatId, "chat id");
        if (userId.equalsIgnoreCase("bot") || userId.equals(Long.toString(bot.id()))) {
            actions.removeBot(id);
        } else {
            actions.leave(id, pathNumber(userId, "user id"));
        }
        return ok(world.read(() -> json.chat(existingChat(id))));
    }

    @PostMapping("/chats/{chatId}/migrate")
    ResponseEntity<byte[]> migrate(@PathVariable String chatId) {
        SandboxChat supergroup = actions.migrate(pathNumber(chatId, "chat id"));
        return ok(world.read(() -> json.chat(supergroup)));
    }

    @PostMapping("/chats/{userId}/block")
    ResponseEntity<byte[]> block(@PathVariable String userId) {
        long id = pathNumber(userId, "user id");
        actions.block(id, true);
        return ok(world.read(() -> json.chat(existingChat(id))));
    }

    @PostMapping("/chats/{userId}/unblock")
    ResponseEntity<byte[]> unblock(@PathVariable String userId) {
        long id = pathNumber(userId, "user id");
        actions.block(id, false);
        return ok(world.read(() -> json.chat(existingChat(id))));
    }

    // --- transcripts

    @GetMapping("/chats/{chatId}/messages")
    ResponseEntity<byte[]> messages(@PathVariable String chatId, @RequestParam(defaultValue = "0") String after) {
        long id = pathNumber(chatId, "chat id");
        int from = afterId(after);
        return ok(world.read(() -> json.messages(existingChat(id), from)));
    }

    @GetMapping("/chats/{chatId}/messages/wait")
    DeferredResult<ResponseEntity<byte[]>> waitForBot(@PathVariable String chatId,
            @RequestParam(defaultValue = "0") String after, @RequestParam(required = false) String timeout) {
        long id = pathNumber(chatId, "chat id");
        int from = afterId(after);
        int seconds = timeout == null ? DEFAULT_WAIT_SECONDS
                : (int) Math.max(0, Math.min(MAX_WAIT_SECONDS, pathNumber(timeout, "timeout")));
        DeferredResult<ResponseEntity<byte[]>> answer = new DeferredResult<>(Duration.ofSeconds(seconds + 10L).toMillis());
        CompletableFuture<JsonNode> transcript = new CompletableFuture<>();
        world.read(() -> {
            waiters.await(existingChat(id), from, Duration.ofSeconds(seconds), transcript);
            return null;
        });
        answer.onTimeout(() -> transcript.cancel(false));
        answer.onError(error -> transcript.cancel(false));
        transcript.whenComplete((list, error) -> {
            if (list != null) {
                answer.setResult(ok(list));
            }
        });
        return answer;
    }

    // --- messages and buttons

    @PostMapping("/messages")
    ResponseEntity<byte[]> post(@RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        long chatId = number(request.get("chat_id"), "chat_id");
        long from = number(request.get("from"), "from");
        Integer replyTo = SandboxJson.present(request.get("reply_to_message_id"))
                ? (int) number(request.get("reply_to_message_id"), "reply_to_message_id") : null;
        JsonNode text = request.get("text");
        if (SandboxJson.present(text) && !text.isString()) {
            throw ControlApiException.badRequest("The text must be a string.");
        }
        UserActions.Posted posted = actions.post(chatId, from, SandboxJson.present(text) ? text.stringValue() : null,
                replyTo, request.get("contact"), request.get("location"));
        ObjectNode answer = SandboxJson.object().put("message_id", posted.messageId());
        if (posted.updateId() != null) {
            answer.put("update_id", posted.updateId());
        } else {
            answer.putNull("update_id");
        }
        return ok(answer);
    }

    @PostMapping("/callbacks")
    ResponseEntity<byte[]> press(@RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        long chatId = number(request.get("chat_id"), "chat_id");
        long from = number(request.get("from"), "from");
        int messageId = (int) number(request.get("message_id"), "message_id");
        UserActions.Pressed pressed = actions.press(chatId, from, messageId, text(request, "data"),
                text(request, "button_text"));
        ObjectNode answer = SandboxJson.object().put("callback_query_id", pressed.callbackQueryId());
        if (pressed.updateId() != null) {
            answer.put("update_id", pressed.updateId());
        } else {
            answer.putNull("update_id");
        }
        return ok(answer);
    }

    @GetMapping("/callbacks/{callbackId}")
    ResponseEntity<byte[]> callback(@PathVariable String callbackId) {
        return ok(world.read(() -> json.callback(world.callback(callbackId).orElseThrow(() ->
                ControlApiException.notFound("There is no callback query " + callbackId + ".")))));
    }

    /** The press as {@code GET /callbacks/{id}} shows it, once the bot answered it (or after {@code timeout} seconds). */
    @GetMapping("/callbacks/{callbackId}/wait")
    DeferredResult<ResponseEntity<byte[]>> waitForAnswer(@PathVariable String callbackId,
            @RequestParam(required = false) String timeout) {
        int seconds = timeout == null ? DEFAULT_WAIT_SECONDS
                : (int) Math.max(0, Math.min(MAX_WAIT_SECONDS, pathNumber(timeout, "timeout")));
        CompletableFuture<Void> answered = world.read(() -> world.callback(callbackId).orElseThrow(() ->
                ControlApiException.notFound("There is no callback query " + callbackId + "."))).answeredSignal;
        DeferredResult<ResponseEntity<byte[]>> answer = new DeferredResult<>(Duration.ofSeconds(Math.max(1, seconds)).toMillis());
        answer.onTimeout(() -> answer.setResult(callback(callbackId)));
        answered.thenRun(() -> answer.setResult(callback(callbackId)));
        return answer;
    }

    /**
     * A Mini App opened as the user's Telegram client opens it: {@code {"chat_id", "from",
     * "message_id"?, "button_text"?}} → {@code {"url"}}, the button's URL with the signed launch
     * parameters in its fragment (the chat's menu button when no message is given).
     */
    @PostMapping("/webapp")
    ResponseEntity<byte[]> openWebApp(@RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        long chatId = number(request.get("chat_id"), "chat_id");
        long from = number(request.get("from"), "from");
        Integer messageId = SandboxJson.present(request.get("message_id"))
                ? (int) number(request.get("message_id"), "message_id") : null;
        String url = webApps.open(chatId, from, messageId, text(request, "button_text"));
        return ok(SandboxJson.object().put("url", url));
    }

    @GetMapping("/files/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable String fileId) {
        SandboxFile file = world.read(() -> world.file(fileId)
                .orElseThrow(() -> ControlApiException.notFound("There is no file " + fileId + ".")));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mimeType))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(file.fileName, StandardCharsets.UTF_8).build().toString())
                .body(file.bytes);
    }

    // --- the bot and the switches

    @GetMapping("/bot")
    ResponseEntity<byte[]> bot() {
        ObjectNode info = SandboxJson.object().put("id", bot.id()).put("username", bot.username())
                .put("first_name", bot.firstName()).put("token", bot.token())
                .put("privacy_mode", settings.privacyMode()).put("time_zone", zone.getId());
        SandboxProperties.Flood limits = properties.flood();
        info.putObject("flood_limits").put("enabled", settings.floodLimits())
                .put("global_per_second", limits.globalPerSecond())
                .put("private_per_second", limits.privatePerSecond()).put("private_burst", limits.privateBurst())
                .put("group_per_minute", limits.groupPerMinute()).put("group_burst", limits.groupBurst());
        info.set("webhook", queue.webhookInfo());
        // what the emulator holds now, so a test can see that a request waits instead of sleeping to guess it
        info.putObject("held").put("get_updates", queue.pollHeld() ? 1 : 0).put("transcript_waits", waiters.held())
                .put("change_polls", changes.held()).put("delayed_calls", delayed.held());
        ArrayNode commands = info.putArray("commands");
        world.read(() -> {
            world.commands().values().forEach(list -> commands.addObject()
                    .<ObjectNode>set("scope", list.scope.deepCopy())
                    .put("language_code", list.languageCode)
                    .set("commands", list.commands.deepCopy()));
            return null;
        });
        return ok(info);
    }

    @PostMapping("/settings")
    ResponseEntity<byte[]> settings(@RequestBody(required = false) byte[] body) {
        JsonNode request = object(body);
        if (SandboxJson.present(request.get("flood_limits"))) {
            settings.floodLimits(bool(request.get("flood_limits"), "flood_limits"));
            flood.reset();
        }
        if (SandboxJson.present(request.get("privacy_mode"))) {
            settings.privacyMode(bool(request.get("privacy_mode"), "privacy_mode"));
        }
        if (SandboxJson.present(request.get("bot_latency_ms"))) {
            long millis = number(request.get("bot_latency_ms"), "bot_latency_ms");
            if (millis < 0 || millis > 30_000) {
                throw ControlApiException.badRequest("bot_latency_ms is between 0 and 30000.");
            }
            settings.botLatency(Duration.ofMillis(millis));
            delayed.releaseAll();
        }
        return ok(SandboxJson.object().put("flood_limits", settings.floodLimits())
                .put("privacy_mode", settings.privacyMode()).put("bot_latency_ms", settings.botLatency().toMillis()));
    }

    @ExceptionHandler(ControlApiException.class)
    ResponseEntity<byte[]> refused(ControlApiException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(SandboxJson.bytes(SandboxJson.object().put("error", e.getMessage())));
    }

    // --- reading requests

    private SandboxChat existingChat(long id) {
        return world.chat(id).orElseThrow(() -> ControlApiException.notFound("There is no chat " + id + "."));
    }

    private static ResponseEntity<byte[]> ok(JsonNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(SandboxJson.bytes(body));
    }

    private static JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            return SandboxJson.object();
        }
        return SandboxJson.parse(body).filter(JsonNode::isObject)
                .orElseThrow(() -> ControlApiException.badRequest("The request body must be a JSON object."));
    }

    private static String text(JsonNode request, String name) {
        JsonNode value = request.get(name);
        if (!SandboxJson.present(value)) {
            return null;
        }
        if (!value.isString()) {
            throw ControlApiException.badRequest("The field " + name + " must be a string.");
        }
        return value.stringValue();
    }

    private static long number(JsonNode value, String name) {
        OptionalLong number = SandboxJson.wholeNumber(value);
        if (number.isEmpty()) {
            throw ControlApiException.badRequest(SandboxJson.present(value)
                    ? "The field " + name + " must be a whole number."
                    : "The field " + name + " is missing.");
        }
        return number.getAsLong();
    }

    private static List<Long> numbers(JsonNode value, String name) {
        List<Long> numbers = new ArrayList<>();
        if (!SandboxJson.present(value)) {
            return numbers;
        }
        if (!value.isArray()) {
            throw ControlApiException.badRequest("The field " + name + " must be a list of user ids.");
        }
        value.forEach(entry -> numbers.add(number(entry, name)));
        return numbers;
    }

    private static boolean bool(JsonNode value, String name) {
        if (!value.isBoolean()) {
            throw ControlApiException.badRequest("The field " + name + " must be true or false.");
        }
        return value.booleanValue();
    }

    private static boolean isBot(JsonNode member) {
        return member != null && member.isString() && member.stringValue().equalsIgnoreCase("bot");
    }

    private static long pathNumber(String value, String what) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ControlApiException.badRequest("The " + what + " must be a whole number, not \"" + value + "\".");
        }
    }

    private static int afterId(String after) {
        long value = pathNumber(after, "after");
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
    }
}
