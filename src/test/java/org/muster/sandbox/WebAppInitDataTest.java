package org.muster.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** initData is signed as Telegram documents it, and Mini App URLs follow Telegram's rule (and the sandbox's one exception). */
class WebAppInitDataTest {

    private static final String TOKEN = "123456789:AAFakeTokenForTheSandbox";
    private static final String USER = "{\"id\":279058397,\"first_name\":\"Vladislav\",\"last_name\":\"Kibenko\","
            + "\"username\":\"vdkfrost\",\"language_code\":\"ru\",\"allows_write_to_pm\":true}";

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("query_id", "AAHdF6IQAAAAAN0XohDhrOrc");
        fields.put("user", USER);
        fields.put("auth_date", "1662771648");
        return fields;
    }

    /** Telegram's check, written out again here from its documentation, sharing no code with the sandbox. */
    private static String expectedHash(Map<String, String> fields, String token) throws Exception {
        String dataCheckString = fields.entrySet().stream().filter(e -> !e.getKey().equals("hash"))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        Mac first = Mac.getInstance("HmacSHA256");
        first.init(new SecretKeySpec("WebAppData".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] secret = first.doFinal(token.getBytes(StandardCharsets.UTF_8));
        Mac second = Mac.getInstance("HmacSHA256");
        second.init(new SecretKeySpec(secret, "HmacSHA256"));
        return HexFormat.of().formatHex(second.doFinal(dataCheckString.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void aKnownVector() throws Exception {
        // computed once with Python's hmac module for these fields and this token
        String known = "96d019a6c3fba3caaa349993e35f3a3b6768b46c8eaacd1ef8a2dce33789b178";

        assertThat(expectedHash(fields(), TOKEN)).isEqualTo(known);
        assertThat(WebAppInitData.hash(fields(), TOKEN)).isEqualTo(known);
        assertThat(WebAppInitData.dataCheckString(fields()))
                .isEqualTo("auth_date=1662771648\nquery_id=AAHdF6IQAAAAAN0XohDhrOrc\nuser=" + USER);
    }

    @Test
    void theSignedQueryStringDecodesToTheFieldsAndAHashThatVerifies() throws Exception {
        Map<String, String> given = fields();
        given.put("user", "{\"id\":7,\"first_name\":\"王 芳\",\"username\":\"a+b&c=d\"}");
        String signed = WebAppInitData.signed(given, TOKEN);

        assertThat(signed).doesNotContain("+").doesNotContain(" ").startsWith("query_id=").contains("&hash=");
        Map<String, String> parsed = parse(signed);
        assertThat(parsed).containsKeys("query_id", "user", "auth_date", "hash");
        assertThat(parsed.get("user")).isEqualTo(given.get("user"));
        assertThat(parsed.get("hash")).isEqualTo(expectedHash(parsed, TOKEN));
        // another token, another hash: the check can fail
        assertThat(parsed.get("hash")).isNotEqualTo(expectedHash(parsed, "987654321:Other"));
        // a changed field breaks the hash
        parsed.put("auth_date", "1662771649");
        assertThat(WebAppInitData.hash(parsed, TOKEN)).isNotEqualTo(parse(signed).get("hash"));
    }

    @Test
    void miniAppUrlsAreHttpsOrLoopbackHttp() {
        assertThat(WebAppUrl.allowed("https://example.org/app/")).isTrue();
        assertThat(WebAppUrl.allowed("http://127.0.0.1:8080/app/")).isTrue();
        assertThat(WebAppUrl.allowed("http://localhost:8080/app/#x")).isTrue();
        assertThat(WebAppUrl.allowed("http://[::1]:8080/app/")).isTrue();
        assertThat(WebAppUrl.allowed("http://example.org/app/")).isFalse();
        assertThat(WebAppUrl.allowed("http://127.0.0.2/app/")).isFalse();
        assertThat(WebAppUrl.allowed("ftp://example.org/")).isFalse();
        assertThat(WebAppUrl.allowed("example.org/app")).isFalse();
        assertThat(WebAppUrl.allowed("https://")).isFalse();

        assertThatThrownBy(() -> WebAppUrl.check("http://example.org/app/", "menu button"))
                .hasMessage("Bad Request: menu button Web App URL 'http://example.org/app/' is invalid: Only HTTPS links are allowed");
        assertThatThrownBy(() -> WebAppUrl.check("tg://resolve", "inline keyboard button"))
                .hasMessage("Bad Request: inline keyboard button Web App URL 'tg://resolve' is invalid: Unsupported URL protocol");
    }
}
