package org.muster.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs may open a Mini App: Telegram takes only {@code https://} links for {@code web_app}
 * buttons and menu buttons.
 *
 * <p><b>Deviation from Telegram:</b> the sandbox also takes {@code http://} links whose host is the
 * loopback address ({@code 127.0.0.1}, {@code localhost}, {@code ::1}), so that the Mini App of the
 * Muster running on this machine can be opened without a TLS certificate. Every other URL is refused
 * with Telegram's words.
 */
final class WebAppUrl {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private WebAppUrl() {
    }

    /**
     * The URL as given, or Telegram's refusal: "{@code <what>} Web App URL '…' is invalid: …".
     *
     * @param what whose URL it is, as Telegram names it: "inline keyboard button", "menu button"
     */
    static String check(String url, String what) {
        String problem = problem(url);
        if (problem != null) {
            throw BotApiException.badRequest(what + " Web App URL '" + url + "' is invalid: " + problem);
        }
        return url;
    }

    static boolean allowed(String url) {
        return problem(url) == null;
    }

    private static String problem(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "Wrong HTTP URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return uri.getScheme() == null ? "Wrong HTTP URL" : "Unsupported URL protocol";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || HtmlEntityParser.checkedLink(url) == null && !loopback(host)) {
            return "Wrong HTTP URL";
        }
        if (scheme.equals("http") && !loopback(host)) {
            return "Only HTTPS links are allowed";
        }
        return null;
    }

    static boolean loopback(String host) {
        return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }
}
