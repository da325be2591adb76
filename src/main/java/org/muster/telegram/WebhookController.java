package org.muster.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives updates in webhook mode. The secret header is compared in constant time; the update is
 * handled before the answer, because Telegram sends a chat's next update only after this one was
 * answered, which keeps per-chat order across any number of instances behind a load balancer.
 */
@RestController
@ConditionalOnProperty(name = "muster.telegram.mode", havingValue = "webhook")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final int MAX_BODY = 1 << 20;
    /** Telegram gives up on an answer after 60 s and delivers again. */
    private static final long ANSWER_WITHIN_SECONDS = 50;

    private final BotConnection connection;
    private final UpdateSink gateway;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    WebhookController(BotConnection connection, UpdateSink gateway) {
        this.connection = connection;
        this.gateway = gateway;
    }

    @PostMapping("${muster.telegram.webhook-path:/telegram/webhook}")
    ResponseEntity<String> receive(@RequestHeader(name = SECRET_HEADER, required = false) String secret,
                                   HttpServletRequest request) throws IOException {
        if (!matches(secret)) {
            log.warn("webhook call from {} without the right secret refused", request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("unauthorized");
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            log.warn("webhook call with a body over {} bytes refused", MAX_BODY);
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body("update too large");
        }
        Update update;
        try {
            update = json.readValue(body, Update.class);
        } catch (IOException e) {
            // the parser's own message may quote the body, which can hold personal data
            log.warn("webhook call with a body that is not an update refused: {}", e.getClass().getSimpleName());
            return ResponseEntity.badRequest().body("not a Telegram update");
        }
        // the JSON literal null is read as no update at all
        if (update == null || update.getUpdateId() == null) {
            log.warn("webhook call with an update without update_id refused");
            return ResponseEntity.badRequest().body("update_id missing");
        }
        try {
            gateway.accept(update).get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // not handled (shutting down, a server out of reach): Telegram delivers it again later
            log.debug("update {} not taken: {}", update.getUpdateId(), e.getCause().toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body("try again later");
        } catch (TimeoutException e) {
            log.warn("update {} still in progress after {} s; answering so Telegram does not resend it",
                    update.getUpdateId(), ANSWER_WITHIN_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("interrupted");
        }
        return ResponseEntity.ok("ok");
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
