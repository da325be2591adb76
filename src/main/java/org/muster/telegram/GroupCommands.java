package org.muster.telegram;

import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the commands a group message suggests as {@code /checkin@muster_bot}. With privacy mode on,
 * Telegram delivers a bare {@code /checkin} in a group only to the last bot that posted there; in a
 * group with several bots it is lost. Addressed to this bot, it always arrives.
 */
final class GroupCommands {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GroupCommands.class);

    /** A command word: not inside a word, a path or a tag, and not already addressed to a bot. */
    private static final Pattern COMMAND = Pattern.compile("(?<![\\w/<@:.])/([a-z][a-z0-9_]{0,31})(?![\\w@])");

    private final Supplier<Set<String>> names;
    private final Supplier<String> username;

    GroupCommands(Supplier<Set<String>> names, Supplier<String> username) {
        this.names = names;
        this.username = username;
    }

    /** The text with each known command addressed to this bot; as it was when the bot's name is unknown. */
    String qualify(String html) {
        if (html == null || html.indexOf('/') < 0) {
            return html;
        }
        String bot;
        Set<String> known;
        try {
            bot = username.get();
            known = names.get();
        } catch (RuntimeException e) {
            log.debug("bot username not known ({}): group commands left bare", e.toString());
            return html;
        }
        Matcher m = COMMAND.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 32);
        while (m.find()) {
            String replacement = known.contains(m.group(1)) ? m.group() + "@" + bot : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
