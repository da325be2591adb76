package org.muster.telegram;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;

/** Shown as {@code telegram} in {@code /actuator/health}: can Muster reach the Bot API with its token? */
@Component("telegramHealthIndicator")
class BotApiHealthIndicator extends AbstractHealthIndicator {

    private final BotConnection connection;
    private final TelegramProperties properties;

    BotApiHealthIndicator(BotConnection connection, TelegramProperties properties) {
        super("the Bot API is not reachable");
        this.connection = connection;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("mode", properties.mode().name().toLowerCase())
                .withDetail("sandbox", connection.sandbox())
                .withDetail("apiHost", String.valueOf(connection.apiUrl() == null ? null : connection.apiUrl().getHost()));
        User me = connection.client().execute(new GetMe());
        builder.up().withDetail("bot", "@" + me.getUserName());
    }
}
