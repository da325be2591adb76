package org.muster.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.muster.conversation.ChatKind;
import org.muster.conversation.ChatRef;
import org.muster.conversation.CommandCall;
import org.muster.conversation.Inbound;
import org.muster.conversation.MemberStatus;
import org.muster.conversation.Mention;
import org.muster.conversation.Sender;

/**
 * A Bot API update, as JSON, read straight into Muster's {@link Inbound} records: the webhook parses
 * each update once, into a tree, and never builds the library's object model of it (whose builders
 * cost as much as the rest of a stateless update). Polling turns the library's {@code Update} into
 * the same tree first, so both transports share this one reading.
 *
 * <p>Empty for updates Muster has no use for or that lack what every inbound needs (a chat and a
 * sender). A field of the wrong shape where Muster needs it is {@link Malformed}.
 */
final class UpdateReader {

    /** An update whose parts Muster needs are missing or of the wrong type. */
    static final class Malformed extends RuntimeException {

        Malformed(String what) {
            super(what, null, false, false);
        }
    }

    private final long botId;
    private final String botUsername;

    UpdateReader(long botId, String botUsername) {
        this.botId = botId;
        this.botUsername = botUsername == null ? "" : botUsername;
    }

    /**
     * The update's id, when it has one that Telegram could have sent (a whole number that fits a
     * long); empty otherwise, for the caller to refuse the body.
     */
    static Optional<Long> updateId(JsonNode update) {
        if (update == null || !update.isObject()) {
            return Optional.empty();
        }
        JsonNode id = update.get("update_id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(id.longValue());
    }

    Optional<Inbound> read(JsonNode update) {
        long id = updateId(update).orElseThrow(() -> new Malformed("update_id"));
        JsonNode message = object(update, "message");
        if (message != null) {
            return message(id, message);
        }
        JsonNode query = object(update, "callback_query");
        if (query != null) {
            return callback(id, query);
        }
        JsonNode change = object(update, "my_chat_member");
        if (change != null) {
            return Optional.of(new Inbound.BotStatusChanged(id, chat(required(change, "chat")), sender(required(change, "from")),
                    status(required(change, "old_chat_member")), status(required(change, "new_chat_member"))));
        }
        JsonNode edited = object(update, "edited_message");
        if (edited != null && object(edited, "from") != null) {
            return Optional.of(new Inbound.Unsupported(id, chat(required(edited, "chat")), sender(required(edited, "from")),
                    "edited message"));
        }
        return Optional.empty();
    }

    private Optional<Inbound> message(long id, JsonNode message) {
        JsonNode fromNode = object(message, "from");
        JsonNode chatNode = object(message, "chat");
        if (fromNode == null || chatNode == null) {
            return Optional.empty();
        }
        ChatRef chat = chat(chatNode);
        Sender from = sender(fromNode);
        Long migrateTo = optionalLong(message, "migrate_to_chat_id");
        if (migrateTo != null) {
            return Optional.of(new Inbound.ChatMigrated(id, chat, from, migrateTo));
        }
        JsonNode joined = message.get("new_chat_members");
        if (joined != null && joined.isArray() && !joined.isEmpty()) {
            List<Sender> members = new ArrayList<>(joined.size());
            joined.forEach(member -> members.add(sender(member)));
            return Optional.of(new Inbound.MembersJoined(id, chat, from, members));
        }
        JsonNode left = object(message, "left_chat_member");
        if (left != null) {
            return Optional.of(new Inbound.MemberLeft(id, chat, from, sender(left)));
        }
        JsonNode contact = object(message, "contact");
        if (contact != null) {
            return Optional.of(new Inbound.Contact(id, chat, from, messageId(message), text(contact, "phone_number"),
                    optionalLong(contact, "user_id")));
        }
        JsonNode location = object(message, "location");
        if (location != null) {
            return Optional.of(new Inbound.Location(id, chat, from, messageId(message), number(location, "latitude"),
                    number(location, "longitude")));
        }
        String text = text(message, "text");
        if (text != null) {
            return Optional.of(text(id, chat, from, message, text));
        }
        return Optional.of(new Inbound.Unsupported(id, chat, from, "message without text"));
    }

    private Inbound text(long id, ChatRef chat, Sender from, JsonNode message, String text) {
        CommandCall command = null;
        List<Mention> mentions = new ArrayList<>(0);
        JsonNode entities = message.get("entities");
        if (entities != null && entities.isArray()) {
            for (JsonNode entity : entities) {
                int start = entity.path("offset").asInt(-1);
                int end = Math.min(text.length(), start + entity.path("length").asInt(0));
                if (start < 0 || start >= end) {
                    continue;
                }
                switch (entity.path("type").asText("")) {
                    case "bot_command" -> {
                        if (start == 0) {
                            String token = text.substring(1, end);
                            int at = token.indexOf('@');
                            String addressee = at < 0 ? null : token.substring(at + 1);
                            if (addressee != null && !addressee.equalsIgnoreCase(botUsername)) {
                                return new Inbound.Unsupported(id, chat, from, "command for another bot");
                            }
                            String name = at < 0 ? token : token.substring(0, at);
                            command = new CommandCall(name, text.substring(end), addressee != null);
                        }
                    }
                    case "mention" -> mentions.add(new Mention(null, text.substring(start + 1, end).toLowerCase(Locale.ROOT)));
                    case "text_mention" -> {
                        JsonNode user = object(entity, "user");
                        if (user != null) {
                            mentions.add(new Mention(requiredLong(user, "id"), text(user, "username")));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        JsonNode replyTo = object(message, "reply_to_message");
        JsonNode replyFrom = replyTo == null ? null : object(replyTo, "from");
        Long replyFromId = replyFrom == null ? null : requiredLong(replyFrom, "id");
        return new Inbound.Text(id, chat, from, messageId(message), text, command,
                replyTo == null ? null : messageId(replyTo), replyFromId, replyFromId != null && replyFromId == botId, mentions);
    }

    private Optional<Inbound> callback(long id, JsonNode query) {
        JsonNode message = object(query, "message");
        JsonNode fromNode = object(query, "from");
        if (message == null || object(message, "chat") == null || fromNode == null) {
            return Optional.empty();
        }
        String data = text(query, "data");
        return Optional.of(new Inbound.Button(id, chat(object(message, "chat")), sender(fromNode), required(query, "id").asText(),
                messageId(message), data == null ? "" : data));
    }

    private static ChatRef chat(JsonNode chat) {
        String type = text(chat, "type");
        if (type == null) {
            throw new Malformed("chat.type");
        }
        ChatKind kind = switch (type) {
            case "private" -> ChatKind.PRIVATE;
            case "group" -> ChatKind.GROUP;
            case "supergroup" -> ChatKind.SUPERGROUP;
            default -> ChatKind.CHANNEL;
        };
        return new ChatRef(requiredLong(chat, "id"), kind, kind == ChatKind.PRIVATE ? null : text(chat, "title"));
    }

    private static Sender sender(JsonNode user) {
        if (user == null || !user.isObject()) {
            throw new Malformed("user");
        }
        return new Sender(requiredLong(user, "id"), text(user, "first_name"), text(user, "last_name"), text(user, "username"),
                text(user, "language_code"), user.path("is_bot").asBoolean(false));
    }

    private static MemberStatus status(JsonNode member) {
        return switch (member.path("status").asText("")) {
            case "creator" -> MemberStatus.CREATOR;
            case "administrator" -> MemberStatus.ADMINISTRATOR;
            case "member" -> MemberStatus.MEMBER;
            case "restricted" -> MemberStatus.RESTRICTED;
            case "kicked" -> MemberStatus.KICKED;
            default -> MemberStatus.LEFT;
        };
    }

    private static int messageId(JsonNode message) {
        JsonNode id = message.get("message_id");
        if (id == null || !id.canConvertToInt() || !id.isIntegralNumber()) {
            throw new Malformed("message_id");
        }
        return id.intValue();
    }

    /** The field when it is an object; null when it is missing or JSON null. */
    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new Malformed(field);
        }
        return value;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Malformed(field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Malformed(field);
        }
        return value.textValue();
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Malformed(field);
        }
        return value.longValue();
    }

    private static long requiredLong(JsonNode node, String field) {
        Long value = optionalLong(node, field);
        if (value == null) {
            throw new Malformed(field);
        }
        return value;
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new Malformed(field);
        }
        return value.doubleValue();
    }
}
