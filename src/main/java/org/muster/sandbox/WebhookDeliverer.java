package org.muster.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Posts queued updates to the webhook as Telegram does: in order, one at a time, waiting for each
 * answer; a failure or a non-2xx answer is recorded for getWebhookInfo and the same update is tried
 * again after a pause. Telegram's pauses grow to minutes; here they stop at a few seconds, so a
 * developer's restarted application is fed again quickly. A method call in the webhook's answer
 * body is executed, as Telegram allows.
 */
@Component
@ConditionalOnSandbox
class WebhookDeliverer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(3);
    /** Telegram gives up on an answer after about a minute. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final UpdateQueue queue;
    private final BotApiDispatcher dispatcher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Thread worker;

    WebhookDeliverer(UpdateQueue queue, BotApiDispatcher dispatcher) {
        this.queue = queue;
        this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::deliverForever, "sandbox-webhook");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private void deliverForever() {
        Duration pause = FIRST_RETRY;
        while (worker == Thread.currentThread()) {
            try {
                UpdateQueue.Delivery delivery = queue.awaitDelivery(Duration.ofSeconds(1));
                if (delivery == null) {
                    continue;
                }
                String failure = deliver(delivery);
                if (failure == null) {
                    queue.delivered(delivery);
                    pause = FIRST_RETRY;
                } else {
                    queue.deliveryFailed(delivery, failure);
                    Thread.sleep(pause.toMillis());
                    pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Sandbox webhook delivery failed unexpectedly", e);
            }
        }
    }

    /** @return null when the webhook took the update, else Telegram's kind of last_error_message */
    private String deliver(UpdateQueue.Delivery delivery) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxJson.bytes(delivery.update().toJson())));
        if (!delivery.secretToken().isEmpty()) {
            request.header("X-Telegram-Bot-Api-Secret-Token", delivery.secretToken());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            return "Connection timed out";
        } catch (HttpTimeoutException e) {
            return "Read timeout expired";
        } catch (IOException e) {
            return "Connection refused";
        } catch (IllegalArgumentException e) {
            return "Wrong webhook URL: " + e.getMessage();
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            HttpStatus known = HttpStatus.resolve(status);
            return "Wrong response from the webhook: " + status + (known == null ? "" : " " + known.getReasonPhrase());
        }
        runAnsweredMethod(response.body());
        return null;
    }

    private void runAnsweredMethod(byte[] body) {
        JsonNode answer = SandboxJson.parse(body).orElse(null);
        if (answer == null || !answer.isObject() || !answer.path("method").isString()) {
            return;
        }
        String method = answer.get("method").stringValue();
        if (method.equalsIgnoreCase("getUpdates")) {
            return;
        }
        CompletableFuture<BotApiResult> result = dispatcher.dispatch(BotApiRequest.of(method, answer));
        result.whenComplete((value, error) -> {
            if (error != null) {
                log.warn("Sandbox: the method {} in a webhook answer was refused: {}", method, error.getMessage());
            }
        });
    }
}
