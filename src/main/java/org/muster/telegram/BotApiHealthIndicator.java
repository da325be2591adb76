package org.muster.telegram;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * Shown as {@code telegram} in {@code /actuator/health}: can Muster reach the Bot API with its token?
 * When it cannot, the status is {@code UNREACHABLE}, ordered after {@code UP} (application.yml): the
 * instance is healthy and keeps its queue, so neither liveness, readiness nor the overall status fails
 * during a Telegram outage; alerts watch this component instead.
 */
@Component("telegramHealthIndicator")
class BotApiHealthIndicator extends AbstractHealthIndicator {

    static final Status UNREACHABLE = new Status("UNREACHABLE", "the Bot API is not reachable");

    private final BotConnection connection;
    private final TelegramProperties properties;
    private final ObjectProvider<WebhookRegistrar> webhook;

    BotApiHealthIndicator(BotConnection connection, TelegramProperties properties, ObjectProvider<WebhookRegistrar> webhook) {
        super("the Bot API is not reachable");
        this.connection = connection;
        this.properties = properties;
        this.webhook = webhook;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("mode", properties.mode().name().toLowerCase())
                .withDetail("sandbox", connection.sandbox())
                .withDetail("apiHost", String.valueOf(connection.apiUrl() == null ? null : connection.apiUrl().getHost()));
        WebhookRegistrar registrar = webhook.getIfAvailable();
        if (registrar != null) {
            builder.withDetail("webhook", registrar.state().name().toLowerCase());
            if (registrar.state() != WebhookRegistrar.State.REGISTERED && !registrar.lastError().isEmpty()) {
                builder.withDetail("webhookError", registrar.lastError());
            }
        }
        if (registrar != null && registrar.state() != WebhookRegistrar.State.REGISTERED) {
            // Telegram does not post here yet (or not to this address): alerts watch UNREACHABLE
            builder.status(UNREACHABLE);
            return;
        }
        try {
            User me = connection.client().execute(new GetMe());
            builder.up().withDetail("bot", "@" + me.getUserName());
        } catch (Exception e) {
            // the message may name the request URL, which carries the token
            String message = String.valueOf(e.getMessage()).replace(connection.token(), "<token>");
            builder.status(UNREACHABLE).withDetail("error", e.getClass().getSimpleName() + ": " + message);
        }
    }
}
