package org.muster.sandbox;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/** Past Telegram's limits the emulator answers 429 with retry_after, and delivers nothing. */
class FloodLimitTest extends SandboxTestBase {

    @BeforeEach
    void floodLimitsOnAndTimeStill() {
        control.post("/sandbox/api/settings", ControlApi.json().put("flood_limits", true));
        clock.freeze();
    }

    @AfterEach
    void floodLimitsOff() {
        clock.resume();
        control.post("/sandbox/api/settings", ControlApi.json().put("flood_limits", false));
    }

    @Test
    void aPrivateChatTakesABurstOfFiveThenOneASecond() throws Exception {
        long user = control.privateChat("Flood");
        for (int i = 0; i < 5; i++) {
            telegram.execute(SendMessage.builder().chatId(user).text("m" + i).build());
        }

        TelegramApiRequestException refusal = refusal(() -> telegram.execute(SendMessage.builder().chatId(user)
                .text("one too many").build()));

        assertThat(refusal.getErrorCode()).isEqualTo(429);
        int retryAfter = refusal.getParameters().getRetryAfter();
        assertThat(retryAfter).isGreaterThanOrEqualTo(1);
        assertThat(refusal.getApiResponse()).isEqualTo("Too Many Requests: retry after " + retryAfter);
        assertThat(control.transcript(user)).hasSize(5);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(telegram.execute(SendMessage.builder().chatId(user).text("after waiting").build()).getText())
                .isEqualTo("after waiting");
    }

    @Test
    void aGroupTakesTwentyAMinute() throws Exception {
        long member = control.user("Crowd");
        long group = control.group("group", "Flooded", member);
        for (int i = 0; i < 20; i++) {
            telegram.execute(SendMessage.builder().chatId(group).text("m" + i).build());
        }

        TelegramApiRequestException refusal = refusal(() -> telegram.execute(SendMessage.builder().chatId(group)
                .text("x").build()));

        assertThat(refusal.getErrorCode()).isEqualTo(429);
        assertThat(refusal.getParameters().getRetryAfter()).isBetween(1, 3);
        clock.advance(Duration.ofSeconds(refusal.getParameters().getRetryAfter()));
        assertThat(telegram.execute(SendMessage.builder().chatId(group).text("x").build())).isNotNull();
    }

    @Test
    void allChatsShareThirtyASecond() throws Exception {
        long[] users = new long[7];
        for (int i = 0; i < users.length; i++) {
            users[i] = control.privateChat("Many" + i);
        }
        int sent = 0;
        for (long user : users) {
            for (int i = 0; i < 5 && sent < 30; i++, sent++) {
                telegram.execute(SendMessage.builder().chatId(user).text("m").build());
            }
        }

        TelegramApiRequestException refusal = refusal(() -> telegram.execute(SendMessage.builder().chatId(users[6])
                .text("the 31st").build()));

        assertThat(refusal.getErrorCode()).isEqualTo(429);
        assertThat(refusal.getParameters().getRetryAfter()).isEqualTo(1);
    }

    @Test
    void switchedOffThereIsNoLimit() throws Exception {
        control.post("/sandbox/api/settings", ControlApi.json().put("flood_limits", false));
        long user = control.privateChat("Unlimited");

        for (int i = 0; i < 12; i++) {
            telegram.execute(SendMessage.builder().chatId(user).text("m" + i).build());
        }

        assertThat(control.transcript(user)).hasSize(12);
    }
}
