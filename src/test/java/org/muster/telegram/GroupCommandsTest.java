package org.muster.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class GroupCommandsTest {

    private final GroupCommands commands = new GroupCommands(() -> Set.of("checkin", "hours", "bind"), () -> "muster_bot");

    @Test
    void knownCommandsAreAddressedToThisBot() {
        assertThat(commands.qualify("队长可发送 /checkin 为队员签到，或 /hours。"))
                .isEqualTo("队长可发送 /checkin@muster_bot 为队员签到，或 /hours@muster_bot。");
        assertThat(commands.qualify("/bind\n/checkin — Check in")).isEqualTo("/bind@muster_bot\n/checkin@muster_bot — Check in");
    }

    @Test
    void linksTagsUnknownWordsAndAddressedCommandsAreLeftAlone() {
        String text = "<b>/checkin</b> <a href=\"https://t.me/muster_bot?start=x\">t.me/checkin</a> /checkin@other_bot /unknown a/checkin";
        assertThat(commands.qualify(text))
                .isEqualTo("<b>/checkin@muster_bot</b> <a href=\"https://t.me/muster_bot?start=x\">t.me/checkin</a> /checkin@other_bot /unknown a/checkin");
    }

    @Test
    void anUnknownBotNameLeavesTheTextAsItIs() {
        GroupCommands unknown = new GroupCommands(() -> Set.of("checkin"), () -> {
            throw new IllegalStateException("getMe failed");
        });
        assertThat(unknown.qualify("/checkin")).isEqualTo("/checkin");
    }
}
