package org.muster.conversation;

/**
 * Each feature that grants a role says so here (sign-up: volunteer; teams: leader; staff:
 * coordinator): which role, and the SQL condition that holds when a user has it.
 *
 * <p>The condition is not run on its own: {@link SenderFacts} reads all sources' conditions and the
 * user's languages in one statement, once per update and again inside any effect's transaction
 * that needs a role. So a role revoked between two updates is gone at the next one, and a
 * stateless update costs one read. Each feature keeps the knowledge of its own tables; only the
 * statement that puts the conditions side by side is the conversation's.
 */
public interface RoleSource {

    Role role();

    /**
     * A boolean SQL expression, true when the user whose Telegram id is the parameter {@code :user}
     * holds {@link #role()}; a constant text (no other parameter, nothing from input), such as
     * {@code exists (select 1 from ... where ... = :user)}.
     */
    String heldWhen();

    /** Held without asking the database (coordinators named in configuration). */
    default boolean heldWithoutAsking(long userId) {
        return false;
    }
}
