/**
 * The coordination console's edge: a Telegram Mini App at {@code /app/} (a static page and script
 * from {@code app-page/}, no build step) and what every call of its API goes through.
 *
 * <p>{@link org.muster.app.AppAuthentication} checks the signed {@code initData} of each call
 * ({@link org.muster.telegram.WebAppInitData}: the HMAC with the bot token, and the age
 * {@code muster.app.max-age}) and puts the caller, with the roles they hold at that moment, in the
 * request as an {@link org.muster.app.AppUser}; anything else is a 401 and an audit line. The views
 * themselves belong to their features, as package-private controllers under {@code /app/api/}: the
 * calls board, a call's people and its changes ({@code recruitment}), today's shifts and check-in
 * ({@code checkin}), hours to review and the figures ({@code hours}). Each checks the roles it needs
 * and refuses with a 403 that writes nothing but the audit line.
 *
 * <p>{@link org.muster.app.ConsoleLink} says where Telegram's client opens the console
 * ({@code muster.app.url}, or the sandbox's own address); {@link org.muster.app.ConsoleMenu} sets a
 * coordinator's or leader's menu button at {@code /start}, {@link org.muster.app.ConsoleCommand} is
 * {@code /console}.
 */
package org.muster.app;
