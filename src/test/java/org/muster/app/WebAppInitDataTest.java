package org.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.muster.telegram.WebAppInitData;
import org.muster.telegram.WebAppInitData.Refusal;

/** The Mini App's signed data: what Telegram signed passes; anything else is refused with its reason. */
class WebAppInitDataTest {

    private static final String TOKEN = "7100000001:AAtestTokenForTheConsole";
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private final WebAppInitData check = new WebAppInitData(TOKEN, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String signed(long authDate) {
        return InitDataSigner.sign(TOKEN, 4242, "王芳", "zh-hans", authDate);
    }

    @Test
    void whatTelegramSignedNamesTheUser() {
        WebAppInitData.Checked checked = check.check(signed(NOW.minusSeconds(600).getEpochSecond()), HOUR);

        assertThat(checked.refusal()).isNull();
        assertThat(checked.user()).hasValueSatisfying(user -> {
            assertThat(user.id()).isEqualTo(4242);
            assertThat(user.firstName()).isEqualTo("王芳");
            assertThat(user.languageCode()).isEqualTo("zh-hans");
            assertThat(user.authDate()).isEqualTo(NOW.minusSeconds(600));
        });
    }

    @Test
    void anAlteredFieldAnotherTokenOrAnotherHashIsABadSignature() {
        String good = signed(NOW.getEpochSecond());
        // another user id, with the hash left as it was
        String otherUser = good.replace("%22id%22%3A4242", "%22id%22%3A4243");
        assertThat(otherUser).isNotEqualTo(good);
        assertThat(check.check(otherUser, HOUR).refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
        String hash = good.substring(good.indexOf("hash=") + 5, good.indexOf("hash=") + 69);
        String flipped = hash.substring(0, 63) + (hash.charAt(63) == '0' ? '1' : '0');
        assertThat(check.check(good.replace(hash, flipped), HOUR).refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
        String otherBot = InitDataSigner.sign("7100000002:AAanotherBot", 4242, "王芳", "zh-hans", NOW.getEpochSecond());
        assertThat(check.check(otherBot, HOUR).refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
        // a field added after signing
        assertThat(check.check(good + "&start_param=admin", HOUR).refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void oldOrFutureDataIsRefused() {
        assertThat(check.check(signed(NOW.minus(HOUR).minusSeconds(1).getEpochSecond()), HOUR).refusal()).isEqualTo(Refusal.EXPIRED);
        assertThat(check.check(signed(NOW.minus(HOUR).getEpochSecond()), HOUR).refusal()).isNull();
        assertThat(check.check(signed(NOW.plusSeconds(3600).getEpochSecond()), HOUR).refusal()).isEqualTo(Refusal.FROM_THE_FUTURE);
    }

    @Test
    void missingOrMalformedDataIsRefused() {
        assertThat(check.check(null, HOUR).refusal()).isEqualTo(Refusal.MISSING);
        assertThat(check.check(" ", HOUR).refusal()).isEqualTo(Refusal.MISSING);
        assertThat(check.check("user=x&auth_date=1", HOUR).refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(check.check("hash=zz", HOUR).refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
        assertThat(check.check("a=1&a=2&hash=" + "0".repeat(64), HOUR).refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(check.check("%zz=1", HOUR).refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(check.check("x".repeat(10_000), HOUR).refusal()).isEqualTo(Refusal.MALFORMED);
        // signed, but without a user Muster can use
        String noUser = InitDataSigner.sign(TOKEN, Map.of("auth_date", Long.toString(NOW.getEpochSecond())));
        assertThat(check.check(noUser, HOUR).refusal()).isEqualTo(Refusal.MALFORMED);
        String badDate = InitDataSigner.sign(TOKEN, Map.of("auth_date", "soon", "user", "{\"id\":1}"));
        assertThat(check.check(badDate, HOUR).refusal()).isEqualTo(Refusal.MALFORMED);
    }
}
