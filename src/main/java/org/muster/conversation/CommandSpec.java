package org.muster.conversation;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a command is and who may use it where. Its menu description is the bundle text
 * {@code command.<name>}, its keyword aliases (报名, 签到…) the comma-separated
 * {@code command.<name>.aliases} of every bundle.
 *
 * @param roles any one of these is enough; empty means anyone
 * @param listed shown in /help and the command menu
 */
public record CommandSpec(String name, Set<Role> roles, Place place, boolean listed) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

    public CommandSpec {
        roles = Set.copyOf(roles);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a command name is 1-32 of a-z, 0-9 and _: " + name);
        }
    }

    public static CommandSpec anyone(String name, Place place) {
        return new CommandSpec(name, Set.of(), place, true);
    }

    public static CommandSpec forRoles(String name, Place place, Role... roles) {
        return new CommandSpec(name, Set.of(roles), place, true);
    }

    public boolean allows(Set<Role> held) {
        return roles.isEmpty() || roles.stream().anyMatch(held::contains);
    }

    public boolean usableIn(ChatRef chat) {
        return place == Place.ANY || (place == Place.PRIVATE) == chat.isPrivate();
    }

    public String descriptionKey() {
        return "command." + name;
    }

    public enum Place { PRIVATE, GROUP, ANY }
}
