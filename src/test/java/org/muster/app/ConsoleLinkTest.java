package org.muster.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code muster.app.url} as an operator might write it: Telegram's client opens Mini Apps only over
 * HTTPS and refuses a whole message whose button has another address, so anything else stops the
 * start with the property's name (the sandbox opens plain HTTP too).
 */
class ConsoleLinkTest {

    @ParameterizedTest(name = "{0} (sandbox {1}) -> {2}")
    @CsvSource({
            "https://muster.example.org/app/,   false, ok",
            "HTTPS://muster.example.org/app/,   false, ok",
            "https://muster.example.org:8443/,  false, ok",
            "http://muster.example.org/app/,    false, refused",
            "http://127.0.0.1:8080/app/,        true,  ok",
            "muster.example.org/app/,           false, refused",
            "https:///app/,                     false, refused",
            "https://muster.example.org/app/?x=1, false, refused",
            "https://muster.example.org/app/#top, false, refused",
            "'https://muster example.org/app/', false, refused",
            "ftp://muster.example.org/app/,     true,  refused"})
    void onlyAnHttpsAddressIsTaken(String url, boolean sandbox, String outcome) {
        if (outcome.equals("ok")) {
            assertThatCode(() -> ConsoleLink.check(url, sandbox)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ConsoleLink.check(url, sandbox)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("muster.app.url (MUSTER_APP_URL)");
        }
    }
}
