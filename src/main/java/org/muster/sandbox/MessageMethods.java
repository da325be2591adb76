package org.muster.sandbox;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the bot says: sendMessage, sendDocument, editMessageText, editMessageReplyMarkup,
 * deleteMessage and sendChatAction. Checks run in Telegram's order — parameters first, then the
 * chat, then the content limits, then the flood limits — and nothing is posted when one fails.
 */
@Component
@ConditionalOnSandbox
class MessageMethods implements BotApiMethodGroup {

    static final int MAX_TEXT_LENGTH = 4096;
    static final int MAX_CAPTION_LENGTH = 1024;
    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note",
            "upload_video_note");

    private final SandboxWorld world;
    private final ChatAccess access;
    private final FloodLimiter flood;
    private final BotApiJson json;
    private final BotIdentity bot;
    private final SandboxClock clock;
    private final TranscriptWaiters waiters;

    MessageMethods(SandboxWorld world, ChatAccess access, FloodLimiter flood, BotApiJson json, BotIdentity bot,
            SandboxClock clock, TranscriptWaiters waiters) {
        this.world = world;
        this.access = access;
        this.flood = flood;
        this.json = json;
        this.bot = bot;
        this.clock = clock;
        this.waiters = waiters;
    }

    @Override
    public Map<String, BotApiMethod> methods() {
        return Map.of(
                "sendMessage", BotApiMethod.sync(this::sendMessage),
                "sendDocument", BotApiMethod.sync(this::sendDocument),
                "editMessageText", BotApiMethod.sync(this::editMessageText),
                "editMessageReplyMarkup", BotApiMethod.sync(this::editMessageReplyMarkup),
                "deleteMessage", BotApiMethod.sync(this::deleteMessage),
                "sendChatAction", BotApiMethod.sync(this::sendChatAction));
    }

    private BotApiResult sendMessage(BotApiRequest request) {
        long chatId = request.chatId();
        String raw = request.string("text").orElse("");
        if (raw.isEmpty()) {
            throw BotApiException.badRequest("message text is empty");
        }
        ObjectNode markup = ReplyMarkupParser.parse(request.json("reply_markup"), false);
        return world.write(() -> {
            FormattedText text = MessageTextFormatter.format(raw, request.string("parse_mode").orElse(null),
                    request.json("entities"), world::knowsUser);
            SandboxChat chat = access.forSending(chatId);
            ReplyMarkupParser.requireAllowedIn(markup, chat);
            if (text.text().isEmpty()) {
                throw BotApiException.badRequest("message text is empty");
            }
            if (text.length() > MAX_TEXT_LENGTH) {
                throw BotApiException.badRequest("message is too long");
            }
            Integer replyTo = replyTarget(request, chat);
            flood.acquire(chat);
            SandboxMessage message = world.newMessage(chat, bot.id());
            message.text = text.text();
            message.entities = text.entitiesJson(json::user);
            message.replyMarkup = markup;
            message.replyToMessageId = replyTo;
            message.delivered = true;
            waiters.botPosted(chat, message);
            return BotApiResult.of(json.message(message));
        });
    }

    private BotApiResult sendDocument(BotApiRequest request) {
        long chatId = request.chatId();
        BotApiRequest.UploadedFile upload = request.file("document").orElse(null);
        String reference = upload == null ? request.string("document").map(String::trim).orElse("") : null;
        if (upload == null && (reference.isEmpty() || reference.startsWith("attach://"))) {
            throw BotApiException.badRequest("there is no document in the request");
        }
        if (upload != null && upload.bytes().length == 0) {
            throw BotApiException.badRequest("file must be non-empty");
        }
        if (reference != null && (reference.startsWith("http://") || reference.startsWith("https://"))) {
            // the sandbox is offline: it cannot fetch a document by URL as Telegram would
            throw BotApiException.badRequest("failed to get HTTP URL content");
        }
        ObjectNode markup = ReplyMarkupParser.parse(request.json("reply_markup"), false);
        String rawCaption = request.string("caption").orElse("");
        return world.write(() -> {
            FormattedText caption = rawCaption.isEmpty() ? null : MessageTextFormatter.format(rawCaption,
                    request.string("parse_mode").orElse(null), request.json("caption_entities"), world::knowsUser);
            SandboxFile existing = null;
            if (reference != null) {
                existing = world.file(reference)
                        .orElseThrow(() -> BotApiException.badRequest("wrong file identifier/HTTP URL specified"));
            }
            SandboxChat chat = access.forSending(chatId);
            ReplyMarkupParser.requireAllowedIn(markup, chat);
            if (caption != null && caption.length() > MAX_CAPTION_LENGTH) {
                throw BotApiException.badRequest("message caption is too long");
            }
            Integer replyTo = replyTarget(request, chat);
            flood.acquire(chat);
            SandboxFile file = existing != null ? existing
                    : world.addFile(fileName(upload), mimeType(upload), upload.bytes());
            SandboxMessage message = world.newMessage(chat, bot.id());
            message.fileId = file.fileId;
            if (caption != null && !caption.text().isEmpty()) {
                message.caption = caption.text();
                message.captionEntities = caption.entitiesJson(json::user);
            }
            message.replyMarkup = markup;
            message.replyToMessageId = replyTo;
            message.delivered = true;
            waiters.botPosted(chat, message);
            return BotApiResult.of(json.message(message));
        });
    }

    private BotApiResult editMessageText(BotApiRequest request) {
        if (request.has("inline_message_id") && !request.has("chat_id")) {
            throw BotApiException.badRequest("MESSAGE_ID_INVALID");
        }
        long chatId = request.chatId();
        int messageId = request.messageId();
        String raw = request.string("text").orElse("");
        if (raw.isEmpty()) {
            throw BotApiException.badRequest("message text is empty");
        }
        ObjectNode markup = ReplyMarkupParser.parse(request.json("reply_markup"), true);
        return world.write(() -> {
            FormattedText text = MessageTextFormatter.format(raw, request.string("parse_mode").orElse(null),
                    request.json("entities"), world::knowsUser);
            SandboxChat chat = access.forSending(chatId);
            ReplyMarkupParser.requireAllowedIn(markup, chat);
            SandboxMessage message = ownMessage(chat, messageId);
            if (message.text == null) {
                throw BotApiException.badRequest("there is no text in the message to edit");
            }
            if (text.text().isEmpty()) {
                throw BotApiException.badRequest("message text is empty");
            }
            if (text.length() > MAX_TEXT_LENGTH) {
                throw BotApiException.badRequest("message is too long");
            }
            ArrayNode entities = text.entitiesJson(json::user);
            if (message.text.equals(text.text()) && Objects.equals(message.entities, entities)
                    && Objects.equals(inlineMarkup(message), markup)) {
                throw notModified();
            }
            flood.acquire(chat);
            message.text = text.text();
            message.entities = entities;
            replaceInlineMarkup(message, markup);
            message.editDate = clock.unixSeconds();
            return BotApiResult.of(json.message(message));
        });
    }

    private BotApiResult editMessageReplyMarkup(BotApiRequest request) {
        if (request.has("inline_message_id") && !request.has("chat_id")) {
            throw BotApiException.badRequest("MESSAGE_ID_INVALID");
        }
        long chatId = request.chatId();
        int messageId = request.messageId();
        ObjectNode markup = ReplyMarkupParser.parse(request.json("reply_markup"), true);
        return world.write(() -> {
            SandboxChat chat = access.forSending(chatId);
            ReplyMarkupParser.requireAllowedIn(markup, chat);
            SandboxMessage message = ownMessage(chat, messageId);
            if (Objects.equals(inlineMarkup(message), markup)) {
                throw notModified();
            }
            flood.acquire(chat);
            replaceInlineMarkup(message, markup);
            message.editDate = clock.unixSeconds();
            return BotApiResult.of(json.message(message));
        });
    }

    private BotApiResult deleteMessage(BotApiRequest request) {
        long chatId = request.chatId();
        int messageId = request.messageId();
        return world.write(() -> {
            SandboxChat chat = access.forReading(chatId);
            SandboxMessage message = chat.message(messageId)
                    .orElseThrow(() -> BotApiException.badRequest("message to delete not found"));
            // bots delete their own messages anywhere, incoming ones in private chats, others only as admins
            if (!bot.isBot(message.fromId) && !chat.isPrivate() && !chat.botIsAdmin()) {
                throw BotApiException.badRequest("message can't be deleted");
            }
            chat.messages.remove(messageId);
            return BotApiResult.ok();
        });
    }

    private BotApiResult sendChatAction(BotApiRequest request) {
        long chatId = request.chatId();
        String action = request.string("action").orElse("");
        if (!CHAT_ACTIONS.contains(action)) {
            throw BotApiException.badRequest("wrong parameter action in request");
        }
        return world.write(() -> {
            access.forSending(chatId);
            return BotApiResult.ok();
        });
    }

    /** The message the bot wants to edit: it must exist and be the bot's own. */
    private SandboxMessage ownMessage(SandboxChat chat, int messageId) {
        SandboxMessage message = chat.message(messageId)
                .orElseThrow(() -> BotApiException.badRequest("message to edit not found"));
        if (!bot.isBot(message.fromId)) {
            throw BotApiException.badRequest("message can't be edited");
        }
        return message;
    }

    /**
     * {@code reply_to_message_id} or {@code reply_parameters.message_id}; a missing message fails
     * unless {@code allow_sending_without_reply} says to send anyway.
     */
    private Integer replyTarget(BotApiRequest request, SandboxChat chat) {
        OptionalLong id = request.wholeNumber("reply_to_message_id");
        boolean sendAnyway = request.flag("allow_sending_without_reply");
        JsonNode parameters = request.json("reply_parameters");
        if (SandboxJson.present(parameters) && parameters.isObject()) {
            id = SandboxJson.wholeNumber(parameters.get("message_id"));
            sendAnyway |= SandboxJson.flag(parameters.get("allow_sending_without_reply"));
        } else if (SandboxJson.present(parameters)) {
            throw BotApiException.badRequest("can't parse reply parameters JSON object");
        }
        if (id.isEmpty() || id.getAsLong() == 0) {
            return null;
        }
        long target = id.getAsLong();
        if (target > 0 && target <= Integer.MAX_VALUE && chat.message((int) target).isPresent()) {
            return (int) target;
        }
        if (sendAnyway) {
            return null;
        }
        throw BotApiException.badRequest("message to be replied not found");
    }

    private static ObjectNode inlineMarkup(SandboxMessage message) {
        return message.hasInlineKeyboard() ? message.replyMarkup : null;
    }

    /** Edits touch only the inline keyboard; a reply keyboard sent with the message is not part of it. */
    private static void replaceInlineMarkup(SandboxMessage message, ObjectNode markup) {
        if (markup != null || message.hasInlineKeyboard()) {
            message.replyMarkup = markup;
        }
    }

    private static BotApiException notModified() {
        return BotApiException.badRequest("message is not modified: specified new message content and reply markup "
                + "are exactly the same as a current content and reply markup of the message");
    }

    private static String fileName(BotApiRequest.UploadedFile upload) {
        String name = upload.fileName();
        return name == null || name.isBlank() ? "document" : name;
    }

    /** Telegram names the type after the file name; the part's own type is a fallback. */
    private static String mimeType(BotApiRequest.UploadedFile upload) {
        return MediaTypeFactory.getMediaType(fileName(upload)).map(MediaType::toString).orElseGet(() -> {
            String given = upload.contentType();
            return given == null || given.isBlank() ? "application/octet-stream" : given;
        });
    }
}
