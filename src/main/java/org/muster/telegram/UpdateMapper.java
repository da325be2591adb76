package org.muster.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.muster.conversation.ChatKind;
import org.muster.conversation.ChatRef;
import org.muster.conversation.CommandCall;
import org.muster.conversation.Inbound;
import org.muster.conversation.MemberStatus;
import org.muster.conversation.Mention;
import org.muster.conversation.Sender;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Bot API {@link Update}s to {@link Inbound} records. Empty for updates Muster has no use for or
 * that lack what every inbound needs (a chat and a sender).
 */
final class UpdateMapper {

    private final long botId;
    private final String botUsername;

    UpdateMapper(long botId, String botUsername) {
        this.botId = botId;
        this.botUsername = botUsername == null ? "" : botUsername;
    }

    Optional<Inbound> map(Update update) {
        long id = update.getUpdateId();
        if (update.hasMessage()) {
            return message(id, update.getMessage());
        }
        if (update.hasCallbackQuery()) {
            return callback(id, update.getCallbackQuery());
        }
        if (update.hasMyChatMember()) {
            ChatMemberUpdated change = update.getMyChatMember();
            return Optional.of(new Inbound.BotStatusChanged(id, chat(change.getChat()), sender(change.getFrom()),
                    status(change.getOldChatMember().getStatus()), status(change.getNewChatMember().getStatus())));
        }
        if (update.hasEditedMessage() && update.getEditedMessage().getFrom() != null) {
            Message edited = update.getEditedMessage();
            return Optional.of(new Inbound.Unsupported(id, chat(edited.getChat()), sender(edited.getFrom()), "edited message"));
        }
        return Optional.empty();
    }

    private Optional<Inbound> message(long id, Message message) {
        if (message.getFrom() == null || message.getChat() == null) {
            return Optional.empty();
        }
        ChatRef chat = chat(message.getChat());
        Sender from = sender(message.getFrom());
        if (message.getMigrateToChatId() != null) {
            return Optional.of(new Inbound.ChatMigrated(id, chat, from, message.getMigrateToChatId()));
        }
        if (message.getNewChatMembers() != null && !message.getNewChatMembers().isEmpty()) {
            return Optional.of(new Inbound.MembersJoined(id, chat, from,
                    message.getNewChatMembers().stream().map(UpdateMapper::sender).toList()));
        }
        if (message.getLeftChatMember() != null) {
            return Optional.of(new Inbound.MemberLeft(id, chat, from, sender(message.getLeftChatMember())));
        }
        if (message.hasContact()) {
            return Optional.of(new Inbound.Contact(id, chat, from, message.getMessageId(),
                    message.getContact().getPhoneNumber(), message.getContact().getUserId()));
        }
        if (message.hasLocation()) {
            return Optional.of(new Inbound.Location(id, chat, from, message.getMessageId(),
                    message.getLocation().getLatitude(), message.getLocation().getLongitude()));
        }
        if (message.hasText()) {
            return Optional.of(text(id, chat, from, message));
        }
        return Optional.of(new Inbound.Unsupported(id, chat, from, "message without text"));
    }

    private Inbound text(long id, ChatRef chat, Sender from, Message message) {
        String text = message.getText();
        List<MessageEntity> entities = message.getEntities() == null ? List.of() : message.getEntities();
        CommandCall command = null;
        List<Mention> mentions = new ArrayList<>();
        for (MessageEntity entity : entities) {
            int start = entity.getOffset();
            int end = Math.min(text.length(), start + entity.getLength());
            if (start < 0 || start >= end) {
                continue;
            }
            switch (entity.getType()) {
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
                    if (entity.getUser() != null) {
                        mentions.add(new Mention(entity.getUser().getId(), entity.getUser().getUserName()));
                    }
                }
                default -> {
                }
            }
        }
        Message replyTo = message.getReplyToMessage();
        boolean replyToBot = replyTo != null && replyTo.getFrom() != null && replyTo.getFrom().getId() == botId;
        return new Inbound.Text(id, chat, from, message.getMessageId(), text, command,
                replyTo == null ? null : replyTo.getMessageId(),
                replyTo == null || replyTo.getFrom() == null ? null : replyTo.getFrom().getId(), replyToBot, mentions);
    }

    private Optional<Inbound> callback(long id, CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        if (message == null || message.getChat() == null || query.getFrom() == null) {
            return Optional.empty();
        }
        return Optional.of(new Inbound.Button(id, chat(message.getChat()), sender(query.getFrom()), query.getId(),
                message.getMessageId(), query.getData() == null ? "" : query.getData()));
    }

    static ChatRef chat(Chat chat) {
        ChatKind kind = switch (chat.getType()) {
            case "private" -> ChatKind.PRIVATE;
            case "group" -> ChatKind.GROUP;
            case "supergroup" -> ChatKind.SUPERGROUP;
            default -> ChatKind.CHANNEL;
        };
        return new ChatRef(chat.getId(), kind, kind == ChatKind.PRIVATE ? null : chat.getTitle());
    }

    static Sender sender(User user) {
        return new Sender(user.getId(), user.getFirstName(), user.getLastName(), user.getUserName(),
                user.getLanguageCode(), Boolean.TRUE.equals(user.getIsBot()));
    }

    static MemberStatus status(String status) {
        return switch (status) {
            case "creator" -> MemberStatus.CREATOR;
            case "administrator" -> MemberStatus.ADMINISTRATOR;
            case "member" -> MemberStatus.MEMBER;
            case "restricted" -> MemberStatus.RESTRICTED;
            case "kicked" -> MemberStatus.KICKED;
            default -> MemberStatus.LEFT;
        };
    }
}
