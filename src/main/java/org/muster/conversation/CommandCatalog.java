package org.muster.conversation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Every command Muster knows, with its keyword aliases from the bundles of both languages (a
 * Chinese volunteer whose app is set to English may still type 签到).
 */
@Component
public class CommandCatalog {

    private final Map<String, CommandHandler> byName = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<Audience, List<CommandSpec>> available = new java.util.concurrent.ConcurrentHashMap<>();

    CommandCatalog(List<CommandHandler> handlers, MessageSource messages) {
        for (CommandHandler handler : handlers) {
            String name = handler.spec().name();
            if (byName.put(name, handler) != null) {
                throw new IllegalStateException("two handlers for /" + name);
            }
            for (Locale locale : Languages.SUPPORTED) {
                String list = messages.getMessage("command." + name + ".aliases", null, "", locale);
                Arrays.stream(list.split(","))
                        .map(alias -> normalise(alias.replace("''", "'")))
                        .filter(alias -> !alias.isEmpty())
                        .forEach(alias -> aliases.put(alias, name));
            }
        }
    }

    /** The names of all commands, without the slash. */
    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    public Optional<CommandHandler> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The command a message stands for when it is one of the keyword aliases, alone or followed by
     * arguments ({@code 签到 @wang @li}).
     */
    public Optional<CommandCall> alias(String text) {
        String trimmed = text.strip();
        String name = aliases.get(normalise(trimmed));
        if (name != null) {
            return Optional.of(new CommandCall(name, "", false));
        }
        int space = trimmed.indexOf(' ');
        if (space > 0) {
            String first = aliases.get(normalise(trimmed.substring(0, space)));
            if (first != null) {
                return Optional.of(new CommandCall(first, trimmed.substring(space + 1), false));
            }
        }
        return Optional.empty();
    }

    /**
     * The listed commands that someone with {@code roles} may use in {@code chat}, in a stable order.
     * Kept per set of roles and kind of chat (a few dozen combinations at most): {@code /help} asks on
     * every call.
     */
    public List<CommandSpec> available(Set<Role> roles, ChatRef chat) {
        return available.computeIfAbsent(new Audience(Set.copyOf(roles), chat.isPrivate()), audience -> byName.values().stream()
                .map(CommandHandler::spec)
                .filter(spec -> spec.listed() && spec.allows(audience.roles()) && spec.usableIn(chat))
                .sorted(Comparator.comparing(CommandSpec::name))
                .toList());
    }

    private record Audience(Set<Role> roles, boolean inPrivate) {
    }

    /** The listed commands open to everyone, for the platform's command menu. */
    public List<CommandSpec> publicMenu(CommandSpec.Place where) {
        return byName.values().stream()
                .map(CommandHandler::spec)
                .filter(spec -> spec.listed() && spec.roles().isEmpty()
                        && (spec.place() == CommandSpec.Place.ANY || spec.place() == where))
                .sorted(Comparator.comparing(CommandSpec::name))
                .toList();
    }

    private static String normalise(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
