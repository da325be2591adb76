package org.muster.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Scripts a whole sign-up through the sandbox, as a volunteer would tap and type it (in Chinese). */
public final class Volunteering {

    private final SandboxClient sandbox;

    public Volunteering(SandboxClient sandbox) {
        this.sandbox = sandbox;
    }

    /** From {@code /start signup} (the group's deep link) to the confirmation. Returns the welcome text. */
    public String signUp(long user, String name, String phone) {
        long chat = sandbox.privateChat(user);
        next(chat, sandbox.say(chat, user, "/start signup"), "真实姓名");
        return answerSignup(user, name, phone);
    }

    /** Answers a sign-up that is already asking for the name (e.g. started by a team's join link). */
    public String answerSignup(long user, String name, String phone) {
        JsonNode review = answerUntilReview(user, name, phone);
        sandbox.pressLabel(user, user, review.path("message_id").asInt(), "✅ 确认提交");
        return next(user, review.path("message_id").asInt(), "报名成功").path("text").asString();
    }

    /** Answers a sign-up that is asking for the name up to its review; returns the review, not yet confirmed. */
    public JsonNode answerUntilReview(long user, String name, String phone) {
        long chat = user;
        JsonNode askPhone = next(chat, sandbox.say(chat, user, name), "手机号");
        assertThat(SandboxClient.buttonLabels(askPhone)).contains("📱 分享我的手机号");
        int shared = sandbox.shareContact(chat, user, phone, user);
        List<JsonNode> afterPhone = sandbox.botMessagesUntil(chat, shared, Duration.ofSeconds(10), l -> l.size() >= 2);
        int areaQuestion = afterPhone.get(1).path("message_id").asInt();
        sandbox.pressWhenShown(chat, user, areaQuestion, "江宁区");
        sandbox.pressWhenShown(chat, user, areaQuestion, "东山街道");
        sandbox.pressWhenShown(chat, user, areaQuestion, "百家湖社区");
        JsonNode skills = next(chat, areaQuestion, "专长");
        int skillQuestion = skills.path("message_id").asInt();
        sandbox.pressLabel(chat, user, skillQuestion, "医疗护理");
        sandbox.waitFor(chat, skillQuestion, m -> SandboxClient.buttonLabels(m).contains("✅ 医疗护理"));
        sandbox.pressLabel(chat, user, skillQuestion, "完成");
        JsonNode availability = next(chat, skillQuestion, "什么时候有空");
        int availabilityQuestion = availability.path("message_id").asInt();
        sandbox.pressLabel(chat, user, availabilityQuestion, "周末");
        sandbox.waitFor(chat, availabilityQuestion, m -> SandboxClient.buttonLabels(m).contains("✅ 周末"));
        sandbox.pressLabel(chat, user, availabilityQuestion, "完成");
        JsonNode consent = next(chat, availabilityQuestion, "隐私说明");
        sandbox.pressLabel(chat, user, consent.path("message_id").asInt(), "同意");
        JsonNode review = next(chat, consent.path("message_id").asInt(), "请核对");
        assertThat(review.path("text").asString()).contains(name, "江宁区 › 东山街道 › 百家湖社区", "医疗护理", "周末");
        return review;
    }

    /** The bot's first message after {@code after} that contains {@code expected}. */
    public JsonNode next(long chat, int after, String expected) {
        return sandbox.botMessagesUntil(chat, after, Duration.ofSeconds(10),
                        list -> list.stream().anyMatch(m -> m.path("text").asString().contains(expected)))
                .stream().filter(m -> m.path("text").asString().contains(expected)).findFirst().orElseThrow();
    }
}
