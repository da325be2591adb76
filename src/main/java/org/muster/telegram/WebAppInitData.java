package org.muster.telegram;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Checks the {@code initData} a Mini App gets from Telegram's client and sends with each call: the
 * signature (hex HMAC-SHA256 of the sorted {@code key=value} lines without {@code hash}, keyed with
 * HMAC-SHA256 of the bot token under the key {@code WebAppData}) and its age. Only what the check
 * passed is handed on: who the user is and the language their app reports.
 */
@Component
public class WebAppInitData {

    /** Why a check failed: said in the 401's body and the audit line, never with the data itself. */
    public enum Refusal { MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, FROM_THE_FUTURE }

    /** A user as the signed data names them. */
    public record WebAppUser(long id, String firstName, String languageCode, Instant authDate) {
    }

    /** The outcome: a user, or why not. */
    public record Checked(Optional<WebAppUser> user, Refusal refusal) {

        static Checked refused(Refusal refusal) {
            return new Checked(Optional.empty(), refusal);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A client's clock may run a little ahead of ours. */
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(1);
    /** More than any real initData holds; a bigger one is not parsed. */
    private static final int MAX_LENGTH = 8 * 1024;

    private final byte[] secretKey;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    WebAppInitData(BotConnection connection, Clock clock) {
        this(connection.token(), clock);
    }

    /** For tests: with the token given. */
    public WebAppInitData(String botToken, Clock clock) {
        this.secretKey = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), botToken.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    public Checked check(String initData, Duration maxAge) {
        if (initData == null || initData.isBlank()) {
            return Checked.refused(Refusal.MISSING);
        }
        if (initData.length() > MAX_LENGTH) {
            return Checked.refused(Refusal.MALFORMED);
        }
        Map<String, String> fields = new TreeMap<>();
        try {
            for (String pair : initData.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return Checked.refused(Refusal.MALFORMED);
                }
                String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                if (fields.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                    return Checked.refused(Refusal.MALFORMED);
                }
            }
        } catch (IllegalArgumentException e) {
            return Checked.refused(Refusal.MALFORMED);
        }
        String hash = fields.remove("hash");
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            return Checked.refused(hash == null ? Refusal.MALFORMED : Refusal.BAD_SIGNATURE);
        }
        StringBuilder checkString = new StringBuilder();
        fields.forEach((key, value) -> {
            if (!checkString.isEmpty()) {
                checkString.append('\n');
            }
            checkString.append(key).append('=').append(value);
        });
        byte[] expected = hmac(secretKey, checkString.toString().getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(hash))) {
            return Checked.refused(Refusal.BAD_SIGNATURE);
        }
        // signed by Telegram from here on: malformed now means a field Muster needs is absent
        Instant authDate;
        JsonNode user;
        try {
            authDate = Instant.ofEpochSecond(Long.parseLong(fields.getOrDefault("auth_date", "")));
            user = JSON.readTree(fields.getOrDefault("user", ""));
        } catch (NumberFormatException | java.io.IOException e) {
            return Checked.refused(Refusal.MALFORMED);
        }
        if (user == null || !user.path("id").canConvertToLong() || user.path("id").asLong() <= 0) {
            return Checked.refused(Refusal.MALFORMED);
        }
        Instant now = clock.instant();
        if (authDate.isAfter(now.plus(FUTURE_SLACK))) {
            return Checked.refused(Refusal.FROM_THE_FUTURE);
        }
        if (authDate.isBefore(now.minus(maxAge))) {
            return Checked.refused(Refusal.EXPIRED);
        }
        String language = user.path("language_code").isTextual() ? user.path("language_code").asText() : null;
        return new Checked(Optional.of(new WebAppUser(user.path("id").asLong(), user.path("first_name").asText(""), language, authDate)), null);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
        }
    }
}
