package org.muster.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives updates in webhook mode. A plain servlet on the webhook path, beside Spring MVC's
 * dispatcher rather than behind it: every update pays for this endpoint, and it needs none of MVC's
 * handler lookup, argument resolution or message converters. The body is parsed once, into a JSON
 * tree that {@link UpdateReader} reads.
 *
 * <p>The secret header is compared in constant time; the update is handled before the answer,
 * because Telegram sends a chat's next update only after this one was answered, which keeps
 * per-chat order across any number of instances behind a load balancer.
 */
final class WebhookServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final int MAX_BODY = 1 << 20;
    /** Telegram gives up on an answer after 60 s and delivers again. */
    private static final long ANSWER_WITHIN_SECONDS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code answer} tag of {@code muster.webhook.calls}, by HTTP status. */
    private enum Answer {
        OK(200), UNAUTHORIZED(401), TOO_LARGE(413), BAD_REQUEST(400), UNAVAILABLE(503);

        final int status;

        Answer(int status) {
            this.status = status;
        }
    }

    private final transient BotConnection connection;
    private final transient UpdateSink gateway;
    /** Registered up front, so an alert on refusals sees 0 before the first one. */
    private final transient Counter[] calls = new Counter[Answer.values().length];

    WebhookServlet(BotConnection connection, UpdateSink gateway, MeterRegistry meters) {
        this.connection = connection;
        this.gateway = gateway;
        for (Answer answer : Answer.values()) {
            calls[answer.ordinal()] = Counter.builder("muster.webhook.calls").tag("answer", answer.name().toLowerCase(java.util.Locale.ROOT))
                    .tag("status", Integer.toString(answer.status))
                    .description("calls of the webhook endpoint by how they were answered")
                    .register(meters);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!matches(request.getHeader(SECRET_HEADER))) {
            log.warn("webhook call from {} without the right secret refused", request.getRemoteAddr());
            answer(response, Answer.UNAUTHORIZED, "unauthorized");
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            log.warn("webhook call with a body over {} bytes refused", MAX_BODY);
            answer(response, Answer.TOO_LARGE, "update too large");
            return;
        }
        JsonNode update;
        try {
            update = JSON.readTree(body);
        } catch (IOException e) {
            // the parser's own message may quote the body, which can hold personal data
            log.warn("webhook call with a body that is not an update refused: {}", e.getClass().getSimpleName());
            answer(response, Answer.BAD_REQUEST, "not a Telegram update");
            return;
        }
        Optional<Long> id = UpdateReader.updateId(update);
        if (id.isEmpty()) {
            log.warn("webhook call with an update without a valid update_id refused");
            answer(response, Answer.BAD_REQUEST, "update_id missing");
            return;
        }
        CompletableFuture<Void> taken = gateway.acceptUntilSent(update);
        try {
            // answered once the replies left, so that the chat's next update cannot overtake them on another instance
            taken.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            unavailable(response, id.get(), e.getCause());
            return;
        } catch (TimeoutException e) {
            // completing it says "answered 200" to the dispatcher (replies handed back later are then for
            // another instance to send); unless it failed just now
            if (!taken.complete(null) && taken.isCompletedExceptionally()) {
                unavailable(response, id.get(), taken.handle((ignored, error) -> error).join());
                return;
            }
            log.warn("update {} still in progress after {} s; answering so Telegram does not resend it", id.get(),
                    ANSWER_WITHIN_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(response, Answer.UNAVAILABLE, "interrupted");
            return;
        }
        answer(response, Answer.OK, "ok");
    }

    /** Not handled (shutting down, a server out of reach, replies handed back): Telegram delivers it again later. */
    private void unavailable(HttpServletResponse response, long updateId, Throwable why) throws IOException {
        log.debug("update {} not taken: {}", updateId, why.toString());
        response.setHeader("Retry-After", "5");
        answer(response, Answer.UNAVAILABLE, "try again later");
    }

    private void answer(HttpServletResponse response, Answer answer, String text) throws IOException {
        calls[answer.ordinal()].increment();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private boolean matches(String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(connection.webhookSecret().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }
}
