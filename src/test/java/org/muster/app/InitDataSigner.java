package org.muster.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs {@code initData} as Telegram does, written apart from Muster's check so that each tests the other. */
public final class InitDataSigner {

    /** The token the sandbox's bot has (muster.sandbox.bot-token's default). */
    public static final String SANDBOX_TOKEN = "1000000001:sandbox";

    private InitDataSigner() {
    }

    public static String sign(String token, long userId, String firstName, String language, long authDate) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("user", "{\"id\":" + userId + ",\"first_name\":\"" + firstName + "\",\"language_code\":\"" + language
                + "\",\"allows_write_to_pm\":true}");
        fields.put("auth_date", Long.toString(authDate));
        fields.put("chat_type", "private");
        fields.put("chat_instance", "-4242");
        return sign(token, fields);
    }

    public static String sign(String token, Map<String, String> unsigned) {
        Map<String, String> fields = new TreeMap<>(unsigned);
        String checkString = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        byte[] secret = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        fields.put("hash", HexFormat.of().formatHex(hmac(secret, checkString.getBytes(StandardCharsets.UTF_8))));
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
