package org.muster.sandbox;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /bot<token>/<method>}: the Bot API's door. Every answer is {@code {"ok":true,"result":...}}
 * or {@code {"ok":false,"error_code":N,"description":...}} with HTTP status N. Answers are deferred
 * so that a held long poll does not keep a servlet thread.
 */
@RestController
@ConditionalOnSandbox
class BotApiController {

    private static final Logger log = LoggerFactory.getLogger(BotApiController.class);
    /** Longer than the longest long poll (50 s), so Spring never times a call out before it is answered. */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(70);

    private final BotIdentity bot;
    private final BotApiDispatcher dispatcher;
    private final SandboxSettings settings;
    private final DelayedCalls delayed;

    BotApiController(BotIdentity bot, BotApiDispatcher dispatcher, SandboxSettings settings, DelayedCalls delayed) {
        this.bot = bot;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.delayed = delayed;
    }

    @RequestMapping(path = "/bot{token}/{method}", method = {RequestMethod.GET, RequestMethod.POST})
    DeferredResult<ResponseEntity<byte[]>> call(@PathVariable String token, @PathVariable String method,
            HttpServletRequest request) {
        DeferredResult<ResponseEntity<byte[]>> answer = new DeferredResult<>(HOLD_LIMIT.toMillis());
        if (!bot.token().equals(token)) {
            answer.setResult(failure(new BotApiException(401, "Unauthorized")));
            return answer;
        }
        BotApiRequest parsed;
        try {
            parsed = BotApiRequest.read(method, request);
        } catch (BotApiException e) {
            answer.setResult(failure(e));
            return answer;
        }
        Duration latency = settings.botLatency();
        if (latency.isZero() || "getupdates".equalsIgnoreCase(method)) {
            dispatch(parsed, answer);
        } else {
            delayed.after(latency, () -> dispatch(parsed, answer));
        }
        return answer;
    }

    private void dispatch(BotApiRequest request, DeferredResult<ResponseEntity<byte[]>> answer) {
        CompletableFuture<BotApiResult> result;
        try {
            result = dispatcher.dispatch(request);
        } catch (BotApiException e) {
            answer.setResult(failure(e));
            return;
        }
        answer.onTimeout(() -> result.cancel(false));
        answer.onError(error -> result.cancel(false));
        result.whenComplete((value, error) -> answer.setResult(value != null ? success(value) : failure(error)));
    }

    static ResponseEntity<byte[]> success(BotApiResult value) {
        ObjectNode body = SandboxJson.object().put("ok", true);
        body.set("result", value.result());
        SandboxJson.putIfPresent(body, "description", value.description());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(SandboxJson.bytes(body));
    }

    static ResponseEntity<byte[]> failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        BotApiException refusal;
        if (cause instanceof BotApiException known) {
            refusal = known;
        } else if (cause instanceof CancellationException) {
            refusal = new BotApiException(500, "Internal Server Error: request cancelled");
        } else {
            log.error("Sandbox Bot API call failed", cause);
            refusal = new BotApiException(500, "Internal Server Error");
        }
        return ResponseEntity.status(refusal.errorCode()).contentType(MediaType.APPLICATION_JSON)
                .body(SandboxJson.bytes(refusal.toJson()));
    }
}
