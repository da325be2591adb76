package org.muster.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What testers do as Telegram users — create accounts and chats, join and leave, add or remove the
 * bot, upgrade a group, block the bot, write, share a contact or a location, press a button — and
 * the updates Telegram sends the bot for each. Every action runs under the world's lock.
 */
@Component
@ConditionalOnSandbox
class UserActions {

    /** Posted by the control API: the new message and the update the bot got for it, if any. */
    record Posted(int messageId, Integer updateId) {
    }

    /** A button press and its update. */
    record Pressed(String callbackQueryId, Integer updateId) {
    }

    private final SandboxWorld world;
    private final BotInbox inbox;
    private final BotIdentity bot;

    UserActions(SandboxWorld world, BotInbox inbox, BotIdentity bot) {
        this.world = world;
        this.inbox = inbox;
        this.bot = bot;
    }

    /** Creates a user, or updates the one with the given id. */
    SandboxUser createUser(Long id, String firstName, String lastName, String username, String languageCode) {
        if (firstName == null || firstName.isBlank()) {
            throw ControlApiException.badRequest("A user needs a first_name.");
        }
        if (id != null && id <= 0) {
            throw ControlApiException.badRequest("A user id must be a positive number; negative ids belong to groups.");
        }
        if (id != null && bot.isBot(id)) {
            throw ControlApiException.badRequest("User id " + id + " is the bot's own id.");
        }
        return world.write(() -> {
            SandboxUser user = new SandboxUser(id == null ? world.newUserId() : id, firstName.trim(), blankToNull(lastName),
                    blankToNull(username), blankToNull(languageCode));
            world.putUser(user);
            return user;
        });
    }

    SandboxChat createChat(ChatType type, String title, List<Long> members, List<Long> admins, boolean botAdmin) {
        return world.write(() -> {
            for (long member : members) {
                requireUser(member);
            }
            if (type == ChatType.PRIVATE) {
                if (members.size() != 1) {
                    throw ControlApiException.badRequest("A private chat has exactly one member: the user who talks to the bot.");
                }
                // opening a private chat tells the bot nothing; the user's first message will
                return world.openPrivateChat(members.get(0));
            }
            if (members.isEmpty()) {
                throw ControlApiException.badRequest("A group needs at least one member; the first one becomes its creator.");
            }
            List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(members));
            for (long admin : admins) {
                if (!distinct.contains(admin)) {
                    throw ControlApiException.badRequest("Administrator " + admin + " is not among the group's members.");
                }
            }
            String name = title == null || title.isBlank() ? (type == ChatType.GROUP ? "Group" : "Supergroup") : title.trim();
            SandboxChat chat = world.newGroup(type, name);
            chat.members.addAll(distinct);
            chat.creatorId = distinct.get(0);
            admins.stream().filter(admin -> admin != chat.creatorId).forEach(chat.admins::add);
            chat.botStatus = botAdmin ? MemberStatus.ADMINISTRATOR : MemberStatus.MEMBER;
            inbox.myChatMember(chat, chat.creatorId, MemberStatus.LEFT, chat.botStatus);
            SandboxMessage created = world.newMessage(chat, chat.creatorId);
            if (type == ChatType.GROUP) {
                created.service = SandboxMessage.GROUP_CHAT_CREATED;
            } else {
                // a bot cannot be in a supergroup at its creation: it arrives as a new member
                created.service = SandboxMessage.NEW_CHAT_MEMBERS;
                created.serviceUserIds.add(bot.id());
            }
            inbox.message(chat, created);
            return chat;
        });
    }

    void join(long chatId, long userId) {
        world.write(() -> {
            SandboxChat chat = activeGroup(chatId);
            requireUser(userId);
            if (chat.isMember(userId)) {
                throw ControlApiException.badRequest("User " + userId + " is already a member of chat " + chatId + ".");
            }
            chat.members.add(userId);
            SandboxMessage joined = world.newMessage(chat, userId);
            joined.service = SandboxMessage.NEW_CHAT_MEMBERS;
            joined.serviceUserIds.add(userId);
            inbox.chatMember(chat, userId, userId, MemberStatus.LEFT, chat.statusOf(userId));
            inbox.message(chat, joined);
        });
    }

    void leave(long chatId, long userId) {
        world.write(() -> {
            SandboxChat chat = activeGroup(chatId);
            if (!chat.isMember(userId)) {
                throw ControlApiException.notFound("User " + userId + " is not a member of chat " + chatId + ".");
            }
            MemberStatus before = chat.statusOf(userId);
            chat.members.remove(userId);
            chat.admins.remove(userId);
            SandboxMessage left = world.newMessage(chat, userId);
            left.service = SandboxMessage.LEFT_CHAT_MEMBER;
            left.serviceUserIds.add(userId);
            inbox.chatMember(chat, userId, userId, before, MemberStatus.LEFT);
            inbox.message(chat, left);
        });
    }

    void addBot(long chatId, boolean asAdmin) {
        world.write(() -> {
            SandboxChat chat = activeGroup(chatId);
            if (chat.botPresent()) {
                throw ControlApiException.badRequest("The bot is already a member of chat " + chatId + ".");
            }
            long by = chat.actingMember();
            MemberStatus before = chat.botStatus;
            chat.botStatus = asAdmin ? MemberStatus.ADMINISTRATOR : MemberStatus.MEMBER;
            inbox.myChatMember(chat, by, before, chat.botStatus);
            SandboxMessage added = world.newMessage(chat, by);
            added.service = SandboxMessage.NEW_CHAT_MEMBERS;
            added.serviceUserIds.add(bot.id());
            inbox.message(chat, added);
        });
    }

    /** A member removes the bot: Telegram then answers the bot's sends with "bot was kicked". */
    void removeBot(long chatId) {
        world.write(() -> {
            SandboxChat chat = activeGroup(chatId);
            if (!chat.botPresent()) {
                throw ControlApiException.badRequest("The bot is not a member of chat " + chatId + ".");
            }
            long by = chat.actingMember();
            MemberStatus before = chat.botStatus;
            chat.botStatus = MemberStatus.KICKED;
            SandboxMessage removed = world.newMessage(chat, by);
            removed.service = SandboxMessage.LEFT_CHAT_MEMBER;
            removed.serviceUserIds.add(bot.id());
            inbox.myChatMember(chat, by, before, MemberStatus.KICKED);
        });
    }

    /** Upgrades a group to a supergroup as Telegram does: a new chat id, the old one refusing sends. */
    SandboxChat migrate(long chatId) {
        return world.write(() -> {
            SandboxChat group = activeGroup(chatId);
            if (group.type != ChatType.GROUP) {
                throw ControlApiException.badRequest("Chat " + chatId + " is already a supergroup; only groups are upgraded.");
            }
            SandboxChat supergroup = world.newGroup(ChatType.SUPERGROUP, group.title);
            supergroup.members.addAll(group.members);
            supergroup.admins.addAll(group.admins);
            supergroup.creatorId = group.creatorId;
            supergroup.botStatus = group.botStatus;
            supergroup.migratedFromChatId = group.id;
            group.migratedToChatId = supergroup.id;
            long by = group.actingMember();
            SandboxMessage movedOut = world.newMessage(group, by);
            movedOut.service = SandboxMessage.MIGRATE_TO_CHAT_ID;
            movedOut.migrateToChatId = supergroup.id;
            inbox.message(group, movedOut);
            SandboxMessage movedIn = world.newMessage(supergroup, by);
            movedIn.service = SandboxMessage.MIGRATE_FROM_CHAT_ID;
            movedIn.migrateFromChatId = group.id;
            inbox.message(supergroup, movedIn);
            return supergroup;
        });
    }

    void block(long userId, boolean blocked) {
        world.write(() -> {
            SandboxChat chat = world.chat(userId).filter(SandboxChat::isPrivate).orElseThrow(() ->
                    ControlApiException.notFound("User " + userId + " has no private chat with the bot."));
            if (chat.blocked == blocked) {
                throw ControlApiException.badRequest("User " + userId + (blocked ? " has already blocked" : " has not blocked")
                        + " the bot.");
            }
            chat.blocked = blocked;
            inbox.myChatMember(chat, userId, blocked ? MemberStatus.MEMBER : MemberStatus.KICKED,
                    blocked ? MemberStatus.KICKED : MemberStatus.MEMBER);
        });
    }

    /** A user writes to a chat; posting to a private chat that does not exist yet opens it. */
    Posted post(long chatId, long fromId, String text, Integer replyTo, JsonNode contact, JsonNode location) {
        int kinds = (text != null ? 1 : 0) + (SandboxJson.present(contact) ? 1 : 0) + (SandboxJson.present(location) ? 1 : 0);
        if (kinds != 1) {
            throw ControlApiException.badRequest("A message has exactly one of text, contact or location.");
        }
        FormattedText formatted = text == null ? null : MessageTextFormatter.plain(text);
        if (formatted != null && formatted.text().isEmpty()) {
            throw ControlApiException.badRequest("The message text is empty.");
        }
        if (formatted != null && formatted.length() > MessageMethods.MAX_TEXT_LENGTH) {
            throw ControlApiException.badRequest("The text is longer than 4096 characters; a Telegram client cannot send it.");
        }
        return world.write(() -> {
            SandboxUser sender = requireUser(fromId);
            SandboxChat chat = writableChat(chatId, fromId);
            if (replyTo != null && chat.message(replyTo).isEmpty()) {
                throw ControlApiException.notFound("There is no message " + replyTo + " in chat " + chatId + ".");
            }
            SandboxMessage message = world.newMessage(chat, fromId);
            message.replyToMessageId = replyTo;
            if (formatted != null) {
                message.text = formatted.text();
                message.entities = formatted.entitiesJson(id -> null);
            } else if (SandboxJson.present(contact)) {
                message.contact = contact(contact, sender);
            } else {
                message.location = location(location);
            }
            return new Posted(message.messageId, inbox.message(chat, message));
        });
    }

    /** A user presses an inline button (or, to test forged callbacks, sends any data). */
    Pressed press(long chatId, long fromId, int messageId, String data, String buttonText) {
        if ((data == null) == (buttonText == null)) {
            throw ControlApiException.badRequest("A callback has either data or button_text.");
        }
        return world.write(() -> {
            requireUser(fromId);
            SandboxChat chat = world.chat(chatId)
                    .orElseThrow(() -> ControlApiException.notFound("There is no chat " + chatId + "."));
            if (!chat.isMember(fromId)) {
                throw ControlApiException.forbidden("User " + fromId + " is not a member of chat " + chatId + ".");
            }
            if (!chat.isPrivate() && !chat.botPresent()) {
                throw ControlApiException.forbidden("The bot is not a member of chat " + chatId + ".");
            }
            SandboxMessage message = chat.message(messageId).orElseThrow(() ->
                    ControlApiException.notFound("There is no message " + messageId + " in chat " + chatId + "."));
            if (!bot.isBot(message.fromId)) {
                throw ControlApiException.badRequest("Message " + messageId + " was not sent by the bot; only the bot's "
                        + "messages carry inline buttons.");
            }
            String callbackData = data != null ? data : buttonData(message, buttonText);
            CallbackQueryRecord query = world.addCallback(chatId, messageId, fromId, callbackData);
            return new Pressed(query.id, inbox.callbackQuery(query));
        });
    }

    private static String buttonData(SandboxMessage message, String label) {
        return ReplyMarkupParser.inlineButtons(message.replyMarkup).stream()
                .filter(button -> label.equals(button.path("text").asString(null)) && button.has("callback_data"))
                .map(button -> button.get("callback_data").stringValue())
                .findFirst()
                .orElseThrow(() -> ControlApiException.notFound("Message " + message.messageId
                        + " has no inline button labelled \"" + label + "\" that sends callback data."));
    }

    private SandboxChat writableChat(long chatId, long fromId) {
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
        if (chat.blocked) {
            throw ControlApiException.forbidden("User " + fromId + " has blocked the bot; unblock it first.");
        }
        if (chat.migratedToChatId != null) {
            throw ControlApiException.badRequest("Chat " + chatId + " was upgraded to supergroup " + chat.migratedToChatId
                    + "; write there.");
        }
        return chat;
    }

    private SandboxChat activeGroup(long chatId) {
        SandboxChat chat = world.chat(chatId)
                .orElseThrow(() -> ControlApiException.notFound("There is no chat " + chatId + "."));
        if (chat.isPrivate()) {
            throw ControlApiException.badRequest("Chat " + chatId + " is a private chat; members change only in groups.");
        }
        if (chat.migratedToChatId != null) {
            throw ControlApiException.badRequest("Chat " + chatId + " was upgraded to supergroup " + chat.migratedToChatId + ".");
        }
        return chat;
    }

    private SandboxUser requireUser(long userId) {
        return world.user(userId).orElseThrow(() -> ControlApiException.notFound("There is no user " + userId + "."));
    }

    private static ObjectNode contact(JsonNode given, SandboxUser sender) {
        String phone = SandboxJson.text(given.get("phone_number")).map(String::trim).orElse("");
        if (phone.isEmpty()) {
            throw ControlApiException.badRequest("A contact needs a phone_number.");
        }
        ObjectNode contact = SandboxJson.object().put("phone_number", phone);
        contact.put("first_name", SandboxJson.text(given.get("first_name")).filter(name -> !name.isBlank())
                .orElse(sender.firstName));
        SandboxJson.text(given.get("last_name")).filter(name -> !name.isBlank())
                .ifPresent(name -> contact.put("last_name", name));
        if (SandboxJson.present(given.get("user_id"))) {
            long userId = SandboxJson.wholeNumber(given.get("user_id"))
                    .orElseThrow(() -> ControlApiException.badRequest("A contact's user_id must be a number."));
            contact.put("user_id", userId);
        }
        return contact;
    }

    private static ObjectNode location(JsonNode given) {
        double latitude = SandboxJson.decimal(given.get("latitude"))
                .orElseThrow(() -> ControlApiException.badRequest("A location needs a numeric latitude."));
        double longitude = SandboxJson.decimal(given.get("longitude"))
                .orElseThrow(() -> ControlApiException.badRequest("A location needs a numeric longitude."));
        if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
            throw ControlApiException.badRequest("A latitude lies within ±90 and a longitude within ±180.");
        }
        return SandboxJson.object().put("latitude", latitude).put("longitude", longitude);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
