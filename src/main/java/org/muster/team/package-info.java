/**
 * Teams and the group chats they work in. A coordinator creates a team ({@code /team}) and hands
 * out its join link; a group is linked to its team with {@code /bind}, chooses which recruitment
 * calls it wants with {@code /subscribe}, and welcomes newcomers who have not signed up. When a
 * group becomes a supergroup its records follow it. Other features reach teams and groups
 * through {@link org.muster.team.Teams}.
 */
package org.muster.team;
