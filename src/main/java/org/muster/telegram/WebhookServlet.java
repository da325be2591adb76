package org.muster.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final transient BotConnection connection;
    private final transient UpdateSink gateway;

    WebhookServlet(BotConnection connection, UpdateSink gateway) {
        this.connection = connection;
        this.gateway = gateway;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!matches(request.getHeader(SECRET_HEADER))) {
            log.warn("webhook call from {} without the right secret refused", request.getRemoteAddr());
            answer(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            log.warn("webhook call with a body over {} bytes refused", MAX_BODY);
            answer(response, 413, "update too large");
            return;
        }
        JsonNode update;
        try {
            update = JSON.readTree(body);
        } catch (IOException e) {
            // the parser's own message may quote the body, which can hold personal data
            log.warn("webhook call with a body that is not an update refused: {}", e.getClass().getSimpleName());
            answer(response, HttpServletResponse.SC_BAD_REQUEST, "not a Telegram update");
            return;
        }
        Optional<Long> id = UpdateReader.updateId(update);
        if (id.isEmpty()) {
            log.warn("webhook call with an update without a valid update_id refused");
            answer(response, HttpServletResponse.SC_BAD_REQUEST, "update_id missing");
            return;
        }
        try {
            gateway.accept(update).get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // not handled (shutting down, a server out of reach): Telegram delivers it again later
            log.debug("update {} not taken: {}", id.get(), e.getCause().toString());
            response.setHeader("Retry-After", "5");
            answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "try again later");
            return;
        } catch (TimeoutException e) {
            log.warn("update {} still in progress after {} s; answering so Telegram does not resend it", id.get(),
                    ANSWER_WITHIN_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
            return;
        }
        answer(response, HttpServletResponse.SC_OK, "ok");
    }

    private static void answer(HttpServletResponse response, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
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
