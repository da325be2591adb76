package org.muster.telegram;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The webhook endpoint in webhook mode: {@link WebhookServlet} on {@code muster.telegram.webhook-path},
 * and no {@code http.server.requests} observation for it. Each update is timed in
 * {@code muster.updates} already, with timers registered once; the observation would build a tag
 * map per request on top.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "muster.telegram.mode", havingValue = "webhook")
class WebhookEndpoint {

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServlet(BotConnection connection, UpdateSink gateway,
                                                           @Value("${muster.telegram.webhook-path:/telegram/webhook}") String path) {
        ServletRegistrationBean<WebhookServlet> registration = new ServletRegistrationBean<>(new WebhookServlet(connection, gateway), path);
        registration.setName("telegramWebhook");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    ObservationPredicate webhookNotObserved(@Value("${muster.telegram.webhook-path:/telegram/webhook}") String path) {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && path.equals(request.getCarrier().getRequestURI()));
    }
}
