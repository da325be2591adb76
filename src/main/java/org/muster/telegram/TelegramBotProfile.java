package org.muster.telegram;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.muster.conversation.BotProfile;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** The bot's own account, asked once with {@code getMe}. */
@Component
class TelegramBotProfile implements BotProfile {

    private final BotConnection connection;
    private volatile User me;

    TelegramBotProfile(BotConnection connection) {
        this.connection = connection;
    }

    User me() {
        User known = me;
        if (known == null) {
            try {
                known = connection.client().execute(new GetMe());
            } catch (TelegramApiException e) {
                throw new IllegalStateException("getMe failed: " + e.getMessage(), e);
            }
            me = known;
        }
        return known;
    }

    @Override
    public String username() {
        return me().getUserName();
    }

    @Override
    public String deepLink(String payload) {
        String base = "https://t.me/" + username();
        return payload == null || payload.isEmpty() ? base : base + "?start=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }
}
