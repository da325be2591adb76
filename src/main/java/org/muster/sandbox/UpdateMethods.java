package org.muster.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * How the bot receives updates: getUpdates (long polling) or a webhook (setWebhook, deleteWebhook,
 * getWebhookInfo).
 *
 * <p>The sandbox's one deliberate deviation lives here: Telegram wants an HTTPS webhook on port 80,
 * 88, 443 or 8443; the sandbox also takes plain HTTP, on any port, when the host is a loopback
 * address (127.0.0.1, localhost, [::1]) — the only place an offline webhook can be.
 */
@Component
@ConditionalOnSandbox
class UpdateMethods implements BotApiMethodGroup {

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final Set<Integer> WEBHOOK_PORTS = Set.of(80, 88, 443, 8443);

    private final UpdateQueue queue;

    UpdateMethods(UpdateQueue queue) {
        this.queue = queue;
    }

    @Override
    public Map<String, BotApiMethod> methods() {
        return Map.of(
                "getUpdates", this::getUpdates,
                "setWebhook", BotApiMethod.sync(this::setWebhook),
                "deleteWebhook", BotApiMethod.sync(request ->
                        BotApiResult.ok(queue.deleteWebhook(request.flag("drop_pending_updates")))),
                "getWebhookInfo", BotApiMethod.sync(request -> BotApiResult.of(queue.webhookInfo())));
    }

    private CompletableFuture<BotApiResult> getUpdates(BotApiRequest request) {
        long offset = request.wholeNumber("offset", 0);
        // Telegram clamps rather than refuses: limit to 1-100, timeout to 0-50 seconds
        int limit = (int) Math.max(1, Math.min(100, request.wholeNumber("limit", 100)));
        int timeout = (int) Math.max(0, Math.min(50, request.wholeNumber("timeout", 0)));
        List<String> allowed = allowedUpdates(request);
        CompletableFuture<JsonNode> updates = new CompletableFuture<>();
        queue.getUpdates(offset, limit, timeout, allowed, updates);
        CompletableFuture<BotApiResult> result = updates.thenApply(BotApiResult::of);
        // a cancelled answer (the client went away) must free the poll in the queue as well
        result.whenComplete((value, error) -> updates.cancel(false));
        return result;
    }

    private BotApiResult setWebhook(BotApiRequest request) {
        String url = request.string("url").map(String::trim).orElse("");
        boolean dropPending = request.flag("drop_pending_updates");
        if (url.isEmpty()) {
            // Telegram reads setWebhook without a URL as deleteWebhook
            return BotApiResult.ok(queue.deleteWebhook(dropPending));
        }
        checkWebhookUrl(url);
        String secret = request.string("secret_token").orElse("");
        if (secret.length() > 256) {
            throw BotApiException.badRequest("secret token is too long");
        }
        if (!SECRET.matcher(secret).matches()) {
            throw BotApiException.badRequest("secret token contains unallowed characters");
        }
        int maxConnections = (int) Math.max(1, Math.min(100, request.wholeNumber("max_connections", 40)));
        WebhookSettings settings = new WebhookSettings(url, secret, maxConnections,
                request.file("certificate").isPresent(), request.string("ip_address").orElse(null));
        return BotApiResult.ok(queue.setWebhook(settings, allowedUpdates(request), dropPending));
    }

    private static void checkWebhookUrl(String url) {
        String withScheme = url.contains("://") ? url : "https://" + url;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw BotApiException.badRequest("invalid webhook URL specified");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty() || (!scheme.equals("http") && !scheme.equals("https"))) {
            throw BotApiException.badRequest("invalid webhook URL specified");
        }
        boolean loopback = LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
        if (loopback) {
            return;
        }
        if (!scheme.equals("https")) {
            throw BotApiException.badRequest("bad webhook: HTTPS url must be provided for webhook");
        }
        if (uri.getPort() != -1 && !WEBHOOK_PORTS.contains(uri.getPort())) {
            throw BotApiException.badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
        }
    }

    /** {@code allowed_updates} when given (an empty list means Telegram's default set), else null. */
    private static List<String> allowedUpdates(BotApiRequest request) {
        JsonNode given = request.json("allowed_updates");
        if (!SandboxJson.present(given)) {
            return null;
        }
        if (!given.isArray()) {
            throw BotApiException.badRequest("can't parse allowed updates JSON object");
        }
        List<String> types = new ArrayList<>();
        for (JsonNode type : given) {
            // Telegram ignores names it does not know
            SandboxJson.text(type).filter(UpdateQueue.UPDATE_TYPES::contains).ifPresent(types::add);
        }
        return types;
    }
}
