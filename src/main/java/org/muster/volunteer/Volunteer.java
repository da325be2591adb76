package org.muster.volunteer;

import java.util.List;

/**
 * A signed-up volunteer as other features see them. {@code realName} is personal data: show it
 * only in private chats to the volunteer, their leaders and coordinators; never in a group or a log.
 */
public record Volunteer(long id, String publicId, long userId, String username, String realName, String areaCode,
                        List<String> skills, List<String> availability, String displayName, List<Integer> reminderOffsets) {

    public Volunteer {
        skills = List.copyOf(skills);
        availability = List.copyOf(availability);
        reminderOffsets = reminderOffsets == null ? List.of() : List.copyOf(reminderOffsets);
    }

    /** The name Telegram shows for them, for group messages (never the real name); falls back to their id. */
    public String groupName() {
        return displayName == null || displayName.isBlank() ? publicId : displayName;
    }

    @Override
    public String toString() {
        return "Volunteer[" + id + "]";
    }
}
