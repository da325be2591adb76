package org.muster.conversation;

/** What a person may do beyond what anyone may. Roles add up: a coordinator is usually a volunteer too. */
public enum Role {
    /** Signed up. */
    VOLUNTEER,
    /** Leads at least one team. */
    LEADER,
    /** Runs recruitment, sees figures, grants roles. */
    COORDINATOR
}
