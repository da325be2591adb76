/**
 * Muster: a chat-bot mobilization assistant for volunteer organisations.
 *
 * <p>Packages are cut by feature. Two edges surround them: {@code telegram} is the only code that
 * knows the Bot API, and {@code conversation} turns inbound chat events into commands, flows and
 * replies. {@code sandbox} is a Bot API emulator served by the app when no token is configured,
 * and {@code embedded} starts PostgreSQL and Redis on a developer's machine.
 */
package org.muster;
