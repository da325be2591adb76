package org.muster.sandbox;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Bot API emulator ({@code muster.sandbox.*}).
 *
 * @param botToken    the only token the emulator accepts; the number before the colon is the bot's user id
 * @param floodLimits whether Telegram's flood limits (HTTP 429 with {@code retry_after}) apply
 * @param flood       the flood limits themselves
 * @param privacyMode whether the bot starts with privacy mode on, as a new BotFather bot does
 * @param stateFile   JSON file that keeps the world across restarts; empty keeps nothing
 * @param demo        whether the demo scene is loaded (built elsewhere)
 * @param allowRemote whether the page, the control API and the emulated Bot API answer clients
 *                    other than this machine (dangerous: the control API acts as anyone)
 */
@ConfigurationProperties("muster.sandbox")
@ConditionalOnSandbox
public record SandboxProperties(
        @DefaultValue("1000000001:sandbox") String botToken,
        @DefaultValue("true") boolean floodLimits,
        @DefaultValue Flood flood,
        @DefaultValue("true") boolean privacyMode,
        @DefaultValue("") String stateFile,
        @DefaultValue("false") boolean demo,
        @DefaultValue("false") boolean allowRemote) {

    private static final Pattern TOKEN = Pattern.compile("[1-9][0-9]{0,17}:[A-Za-z0-9_-]+");

    public SandboxProperties {
        if (botToken == null || !TOKEN.matcher(botToken).matches()) {
            throw new IllegalArgumentException("muster.sandbox.bot-token must look like a Telegram token, "
                    + "<bot id>:<secret>, e.g. 1000000001:sandbox");
        }
        if (flood == null) {
            flood = new Flood(30, 1, 5, 20, 20);
        }
        stateFile = stateFile == null ? "" : stateFile.trim();
    }

    /** The bot's user id: the number before the colon of the token, as in Telegram. */
    public long botId() {
        return Long.parseLong(botToken.substring(0, botToken.indexOf(':')));
    }

    /**
     * Telegram's published limits: about 30 messages a second in all, one a second in a private
     * chat (short bursts tolerated) and 20 a minute in a group.
     */
    public record Flood(
            @DefaultValue("30") int globalPerSecond,
            @DefaultValue("1") int privatePerSecond,
            @DefaultValue("5") int privateBurst,
            @DefaultValue("20") int groupPerMinute,
            @DefaultValue("20") int groupBurst) {

        public Flood {
            if (globalPerSecond < 1 || privatePerSecond < 1 || privateBurst < 1 || groupPerMinute < 1 || groupBurst < 1) {
                throw new IllegalArgumentException("muster.sandbox.flood.* limits must be at least 1");
            }
        }
    }
}
