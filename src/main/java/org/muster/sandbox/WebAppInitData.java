package org.muster.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Mini App's {@code initData} as Telegram signs it: a query string of the given fields and
 * {@code hash}, the hex HMAC-SHA256 of the data-check-string (every field but {@code hash}, sorted
 * by key, {@code key=value} with the values decoded, joined by {@code \n}) under the secret key
 * HMAC-SHA256(key {@code "WebAppData"}, message the bot token).
 *
 * <p>Telegram now also adds an Ed25519 {@code signature} for third parties, made with Telegram's
 * own private key; the sandbox cannot make one and leaves it out (the bot's check is the hash).
 */
final class WebAppInitData {

    private static final String ALGORITHM = "HmacSHA256";

    private WebAppInitData() {
    }

    /** The fields in the order given, then {@code hash}, each value percent-encoded. */
    static String signed(Map<String, String> fields, String botToken) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.remove("hash");
        StringJoiner query = new StringJoiner("&");
        all.forEach((key, value) -> query.add(encode(key) + "=" + encode(value)));
        query.add("hash=" + hash(all, botToken));
        return query.toString();
    }

    /** The hex HMAC-SHA256 of the fields' data-check-string. */
    static String hash(Map<String, String> fields, String botToken) {
        byte[] secret = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), botToken.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hmac(secret, dataCheckString(fields).getBytes(StandardCharsets.UTF_8)));
    }

    static String dataCheckString(Map<String, String> fields) {
        StringJoiner lines = new StringJoiner("\n");
        new TreeMap<>(fields).forEach((key, value) -> {
            if (!key.equals("hash")) {
                lines.add(key + "=" + value);
            }
        });
        return lines.toString();
    }

    /** As JavaScript's encodeURIComponent would write it, near enough: spaces as %20, not +. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
