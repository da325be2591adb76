package org.muster.sandbox;

import java.util.Map;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;

/** What the bot asks about itself and its chats: getMe, getChat, getChatMember..., and leaveChat. */
@Component
@ConditionalOnSandbox
class ChatMethods implements BotApiMethodGroup {

    private final SandboxWorld world;
    private final ChatAccess access;
    private final BotApiJson json;
    private final BotIdentity bot;
    private final BotInbox inbox;

    ChatMethods(SandboxWorld world, ChatAccess access, BotApiJson json, BotIdentity bot, BotInbox inbox) {
        this.world = world;
        this.access = access;
        this.json = json;
        this.bot = bot;
        this.inbox = inbox;
    }

    @Override
    public Map<String, BotApiMethod> methods() {
        BotApiMethod memberCount = BotApiMethod.sync(this::getChatMemberCount);
        return Map.of(
                "getMe", BotApiMethod.sync(request -> world.read(() -> BotApiResult.of(json.me()))),
                "getChat", BotApiMethod.sync(this::getChat),
                "getChatMember", BotApiMethod.sync(this::getChatMember),
                "getChatAdministrators", BotApiMethod.sync(this::getChatAdministrators),
                "getChatMemberCount", memberCount,
                "getChatMembersCount", memberCount,
                "leaveChat", BotApiMethod.sync(this::leaveChat));
    }

    private BotApiResult getChat(BotApiRequest request) {
        long chatId = request.chatId();
        return world.read(() -> {
            SandboxChat chat = world.chat(chatId).orElse(null);
            if (chat == null && chatId > 0) {
                // Telegram describes any user the bot has met, even without a private chat
                SandboxUser user = world.user(chatId).orElseThrow(() -> BotApiException.badRequest("chat not found"));
                return BotApiResult.of(json.chatFullInfo(json.privateChatOf(user), false));
            }
            chat = access.forReading(chatId);
            return BotApiResult.of(json.chatFullInfo(json.chat(chat), !chat.isPrivate()));
        });
    }

    private BotApiResult getChatMember(BotApiRequest request) {
        long chatId = request.chatId();
        OptionalLong userId = request.wholeNumber("user_id");
        if (userId.isEmpty()) {
            throw BotApiException.badRequest("invalid user_id specified");
        }
        long memberId = userId.getAsLong();
        return world.read(() -> {
            SandboxChat chat = access.forReading(chatId);
            if (bot.isBot(memberId)) {
                return BotApiResult.of(json.chatMember(chat, memberId, chat.isPrivate() ? MemberStatus.MEMBER : chat.botStatus));
            }
            if (!world.knowsUser(memberId)) {
                throw BotApiException.badRequest("user not found");
            }
            return BotApiResult.of(json.chatMember(chat, memberId, chat.statusOf(memberId)));
        });
    }

    private BotApiResult getChatAdministrators(BotApiRequest request) {
        long chatId = request.chatId();
        return world.read(() -> {
            SandboxChat chat = access.forReading(chatId);
            if (chat.isPrivate()) {
                throw BotApiException.badRequest("there are no administrators in the private chat");
            }
            ArrayNode admins = SandboxJson.array();
            for (long member : chat.members) {
                MemberStatus status = chat.statusOf(member);
                if (status == MemberStatus.CREATOR || status == MemberStatus.ADMINISTRATOR) {
                    admins.add(json.chatMember(chat, member, status));
                }
            }
            if (chat.botIsAdmin()) {
                admins.add(json.chatMember(chat, bot.id(), MemberStatus.ADMINISTRATOR));
            }
            return BotApiResult.of(admins);
        });
    }

    private BotApiResult getChatMemberCount(BotApiRequest request) {
        long chatId = request.chatId();
        return world.read(() -> {
            SandboxChat chat = access.forReading(chatId);
            int count = chat.isPrivate() ? 2 : chat.members.size() + (chat.botPresent() ? 1 : 0);
            return BotApiResult.of(IntNode.valueOf(count));
        });
    }

    private BotApiResult leaveChat(BotApiRequest request) {
        long chatId = request.chatId();
        return world.write(() -> {
            SandboxChat chat = access.forReading(chatId);
            if (chat.isPrivate()) {
                throw BotApiException.badRequest("chat member status can't be changed in private chats");
            }
            MemberStatus before = chat.botStatus;
            chat.botStatus = MemberStatus.LEFT;
            SandboxMessage left = world.newMessage(chat, bot.id());
            left.service = SandboxMessage.LEFT_CHAT_MEMBER;
            left.serviceUserIds.add(bot.id());
            inbox.myChatMember(chat, bot.id(), before, MemberStatus.LEFT);
            return BotApiResult.ok();
        });
    }
}
