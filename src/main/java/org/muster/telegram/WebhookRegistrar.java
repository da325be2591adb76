package org.muster.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** In webhook mode, tells Telegram at start-up where to post updates and with which secret. */
@Component
@ConditionalOnProperty(name = "muster.telegram.mode", havingValue = "webhook")
class WebhookRegistrar implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistrar.class);

    private final BotConnection connection;

    WebhookRegistrar(BotConnection connection) {
        this.connection = connection;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String url = connection.webhookUrl();
        SetWebhook setWebhook = SetWebhook.builder()
                .url(url)
                .secretToken(connection.webhookSecret())
                .allowedUpdates(PollingLoop.ALLOWED_UPDATES)
                .dropPendingUpdates(false)
                .build();
        try {
            connection.client().execute(setWebhook);
            log.info("webhook registered: {}", url);
        } catch (TelegramApiException e) {
            throw new IllegalStateException("setWebhook to " + url + " failed: " + e.getMessage(), e);
        }
    }
}
