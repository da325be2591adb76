/**
 * The conversation edge: everything between an inbound chat event and the replies it causes.
 *
 * <p>{@link org.muster.conversation.Inbound} and {@link org.muster.conversation.Outbound} are the
 * platform-neutral records that features speak; the {@code telegram} package maps them to and from
 * the Bot API. The {@link org.muster.conversation.Dispatcher} processes each update once, keeps one
 * chat's updates in order and runs different chats in parallel. The
 * {@link org.muster.conversation.FlowEngine} keeps each (chat, user) conversation in Redis as
 * versioned JSON and advances it with a compare-and-set, so pure
 * {@link org.muster.conversation.Flow}s need no I/O. Texts come from message bundles through
 * {@link org.muster.conversation.Texts}; commands, buttons and chat events reach features through
 * the handler interfaces here.
 *
 * <p>Who the sender is (roles, languages) is read in one statement per update: features that grant
 * a role ({@link org.muster.conversation.RoleSource}) and the language store
 * ({@link org.muster.conversation.LanguagePreferences}) each give the SQL of their part, and this
 * package reads the parts side by side, so each feature keeps the knowledge of its tables while a
 * stateless update costs one PostgreSQL read and no write.
 */
package org.muster.conversation;
