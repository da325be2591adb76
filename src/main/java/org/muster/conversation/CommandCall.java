package org.muster.conversation;

import java.util.Locale;

/**
 * A command as typed: {@code /bind abc} gives name {@code bind} and args {@code abc}. A Chinese
 * keyword such as 帮助 is turned into the same call by the router. {@code explicit} is true for
 * {@code /cmd@this_bot}, which in a group is certainly meant for Muster.
 */
public record CommandCall(String name, String args, boolean explicit) {

    public CommandCall {
        name = name.toLowerCase(Locale.ROOT);
        args = args == null ? "" : args.strip();
    }

    public boolean hasArgs() {
        return !args.isEmpty();
    }
}
