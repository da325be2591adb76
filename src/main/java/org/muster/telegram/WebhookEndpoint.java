package org.muster.telegram;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook endpoint in webhook mode: {@link WebhookServlet} on {@code muster.telegram.webhook-path},
 * past the servlet filters ({@link WebhookFilterBypass}), the request observation's among them: each
 * update is timed in {@code muster.updates} already, with timers registered once, and the
 * observation would build a tag map per request on top.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "muster.telegram.mode", havingValue = "webhook")
class WebhookEndpoint {

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServlet(BotConnection connection, UpdateSink gateway, MeterRegistry meters,
                                                           @Value("${muster.telegram.webhook-path:/telegram/webhook}") String path) {
        ServletRegistrationBean<WebhookServlet> registration = new ServletRegistrationBean<>(new WebhookServlet(connection, gateway, meters), path);
        registration.setName("telegramWebhook");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** Static: a post-processor is made before the other beans of this configuration. */
    @Bean
    static WebhookFilterBypass webhookFilterBypass(org.springframework.core.env.Environment environment) {
        return new WebhookFilterBypass(environment.getProperty("muster.telegram.webhook-path", "/telegram/webhook"));
    }
}
