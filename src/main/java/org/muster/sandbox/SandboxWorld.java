package org.muster.sandbox;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the emulated Telegram knows: users, chats with their members and transcripts, files,
 * callback queries and the bot's commands. One lock guards it all — the emulator serves a handful
 * of testers, and one lock keeps every operation (validate, then change, then queue the update)
 * atomic without any thought about ordering. Accessors below {@link #write} and {@link #read}
 * expect the caller to hold the lock.
 */
@Component
@ConditionalOnSandbox
class SandboxWorld {

    /** Callback queries are kept a while after Telegram would let them expire, for the control API. */
    private static final long CALLBACK_RETENTION_MILLIS = 3_600_000L;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final SandboxClock clock;
    private final SecureRandom random = new SecureRandom();

    private final Map<Long, SandboxUser> users = new LinkedHashMap<>();
    private final Map<Long, SandboxChat> chats = new LinkedHashMap<>();
    private final Map<String, SandboxFile> files = new LinkedHashMap<>();
    private final Map<String, CallbackQueryRecord> callbacks = new LinkedHashMap<>();
    private final Map<String, BotCommandList> commands = new LinkedHashMap<>();
    /** Menu buttons set with setChatMenuButton: one per private chat, and the bot's default (chat id null). */
    private final Map<Long, ObjectNode> chatMenuButtons = new LinkedHashMap<>();
    private ObjectNode defaultMenuButton;
    private long nextUserId;
    private long nextGroupNumber;
    private long nextSupergroupNumber;

    SandboxWorld(SandboxClock clock) {
        this.clock = clock;
        // several emulators may share one Redis in tests: random bases keep their ids apart
        ThreadLocalRandom seed = ThreadLocalRandom.current();
        this.nextUserId = 5_000_000_000L + seed.nextLong(1_000_000_000L);
        this.nextGroupNumber = 4_000_000_000L + seed.nextLong(500_000_000L);
        this.nextSupergroupNumber = 2_000_000_000L + seed.nextLong(1_000_000_000L);
    }

    /** Runs a change under the lock, then tells the listeners (the state file) that the world moved. */
    <T> T write(Supplier<T> change) {
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
            changeListeners.forEach(Runnable::run);
        }
    }

    void write(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    // --- users

    Optional<SandboxUser> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    Collection<SandboxUser> users() {
        return users.values();
    }

    boolean knowsUser(long id) {
        return users.containsKey(id);
    }

    long newUserId() {
        while (users.containsKey(nextUserId) || chats.containsKey(nextUserId)) {
            nextUserId++;
        }
        return nextUserId++;
    }

    void putUser(SandboxUser user) {
        users.put(user.id, user);
    }

    // --- chats

    Optional<SandboxChat> chat(long id) {
        return Optional.ofNullable(chats.get(id));
    }

    Collection<SandboxChat> chats() {
        return chats.values();
    }

    SandboxChat openPrivateChat(long userId) {
        return chats.computeIfAbsent(userId, id -> {
            SandboxChat chat = new SandboxChat(id, ChatType.PRIVATE, null);
            chat.members.add(id);
            chat.chatInstance = newChatInstance();
            return chat;
        });
    }

    SandboxChat newGroup(ChatType type, String title) {
        long id = type == ChatType.SUPERGROUP ? -(1_000_000_000_000L + nextSupergroupNumber++) : -(nextGroupNumber++);
        SandboxChat chat = new SandboxChat(id, type, title);
        chat.chatInstance = newChatInstance();
        chats.put(id, chat);
        return chat;
    }

    /** A new message with the chat's next id and the current date; the caller fills it in. */
    SandboxMessage newMessage(SandboxChat chat, long fromId) {
        SandboxMessage message = new SandboxMessage(++chat.lastMessageId, chat.id, fromId, clock.unixSeconds());
        chat.messages.put(message.messageId, message);
        return message;
    }

    // --- files

    SandboxFile addFile(String fileName, String mimeType, byte[] bytes) {
        SandboxFile file = new SandboxFile("BQACAgIAAxkBAA" + randomToken(48), "AgAD" + randomToken(12), fileName,
                mimeType, bytes);
        files.put(file.fileId, file);
        return file;
    }

    Optional<SandboxFile> file(String fileId) {
        return Optional.ofNullable(files.get(fileId));
    }

    // --- callback queries

    CallbackQueryRecord addCallback(long chatId, int messageId, long fromId, String data) {
        long now = clock.millis();
        // kept in the order they were made: the old ones are at the front
        for (Iterator<CallbackQueryRecord> old = callbacks.values().iterator(); old.hasNext(); ) {
            if (now - old.next().createdAtMillis <= CALLBACK_RETENTION_MILLIS) {
                break;
            }
            old.remove();
        }
        String id;
        do {
            id = Long.toUnsignedString(random.nextLong() | Long.MIN_VALUE);
        } while (callbacks.containsKey(id));
        CallbackQueryRecord query = new CallbackQueryRecord(id, chatId, messageId, fromId, data, now);
        callbacks.put(id, query);
        return query;
    }

    Optional<CallbackQueryRecord> callback(String id) {
        return Optional.ofNullable(callbacks.get(id));
    }

    // --- commands

    Map<String, BotCommandList> commands() {
        return commands;
    }

    // --- menu buttons

    /** The button set for this private chat only, if any. */
    Optional<ObjectNode> chatMenuButton(long chatId) {
        return Optional.ofNullable(chatMenuButtons.get(chatId));
    }

    /** Sets the chat's own button; null goes back to the bot's default one. */
    void chatMenuButton(long chatId, ObjectNode button) {
        if (button == null) {
            chatMenuButtons.remove(chatId);
        } else {
            chatMenuButtons.put(chatId, button);
        }
    }

    /** The bot's default button as set, if any (Telegram's own default is the commands list). */
    Optional<ObjectNode> defaultMenuButton() {
        return Optional.ofNullable(defaultMenuButton);
    }

    void defaultMenuButton(ObjectNode button) {
        defaultMenuButton = button;
    }

    /** What a private chat shows: its own button, else the bot's default one, else the commands list. */
    ObjectNode effectiveMenuButton(long chatId) {
        ObjectNode button = chatMenuButtons.getOrDefault(chatId, defaultMenuButton);
        return button != null ? button : SandboxJson.object().put("type", "commands");
    }

    // --- reset

    /**
     * Forgets every user and chat, with their transcripts, files and button presses, as a new
     * emulator would be, with the menu buttons set for those chats; keeps the bot's commands and
     * default menu button (bot settings, made once at start-up) and the id counters, so no id is
     * handed out twice.
     *
     * @return the ids of the chats that were there
     */
    List<Long> clear() {
        List<Long> gone = new ArrayList<>(chats.keySet());
        users.clear();
        chats.clear();
        files.clear();
        callbacks.clear();
        chatMenuButtons.clear();
        return gone;
    }

    // --- persistence

    /** Everything but the update queue, which keeps its own state. */
    record Snapshot(List<SandboxUser> users, List<SandboxChat> chats, List<SandboxFile> files,
            List<CallbackQueryRecord> callbacks, List<BotCommandList> commands, long nextUserId, long nextGroupNumber,
            long nextSupergroupNumber, List<MenuButtonSetting> menuButtons) {
    }

    /** A menu button as the state file keeps it: {@code chatId} null for the bot's default one. */
    static final class MenuButtonSetting {
        Long chatId;
        ObjectNode button;

        MenuButtonSetting() {
        }

        MenuButtonSetting(Long chatId, ObjectNode button) {
            this.chatId = chatId;
            this.button = button;
        }
    }

    Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(users.values()), new ArrayList<>(chats.values()),
                new ArrayList<>(files.values()), new ArrayList<>(callbacks.values()),
                new ArrayList<>(commands.values()), nextUserId, nextGroupNumber, nextSupergroupNumber, menuButtonSettings());
    }

    private List<MenuButtonSetting> menuButtonSettings() {
        List<MenuButtonSetting> settings = new ArrayList<>();
        if (defaultMenuButton != null) {
            settings.add(new MenuButtonSetting(null, defaultMenuButton.deepCopy()));
        }
        chatMenuButtons.forEach((chatId, button) -> settings.add(new MenuButtonSetting(chatId, button.deepCopy())));
        return settings;
    }

    void restore(Snapshot snapshot) {
        users.clear();
        chats.clear();
        files.clear();
        callbacks.clear();
        commands.clear();
        chatMenuButtons.clear();
        defaultMenuButton = null;
        snapshot.users().forEach(user -> users.put(user.id, user));
        snapshot.chats().forEach(chat -> chats.put(chat.id, chat));
        snapshot.files().forEach(file -> files.put(file.fileId, file));
        snapshot.callbacks().forEach(query -> callbacks.put(query.id, query));
        snapshot.commands().forEach(list -> commands.put(BotCommandList.key(list.scope, list.languageCode), list));
        // a state file written before menu buttons existed has none
        if (snapshot.menuButtons() != null) {
            for (MenuButtonSetting setting : snapshot.menuButtons()) {
                if (setting.button == null) {
                    continue;
                }
                if (setting.chatId == null) {
                    defaultMenuButton = setting.button;
                } else {
                    chatMenuButtons.put(setting.chatId, setting.button);
                }
            }
        }
        nextUserId = snapshot.nextUserId();
        nextGroupNumber = snapshot.nextGroupNumber();
        nextSupergroupNumber = snapshot.nextSupergroupNumber();
    }

    private String newChatInstance() {
        return Long.toString(random.nextLong());
    }

    private String randomToken(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }
}
