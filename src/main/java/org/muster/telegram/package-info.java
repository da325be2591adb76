/**
 * The only code that knows the Telegram Bot API.
 *
 * <p>Inbound: {@link org.muster.telegram.PollingLoop} (Muster's own {@code getUpdates} loop, which
 * confirms an offset only after the batch was handled) or {@link org.muster.telegram.WebhookController}
 * (checks the secret header, handles the update before answering). Both map Bot API updates to
 * {@link org.muster.conversation.Inbound} records and hand them to the dispatcher.
 *
 * <p>Outbound: {@link org.muster.telegram.TelegramChatSender} is the one sender every feature uses. It
 * paces sends with token buckets in Redis shared by all instances, honours 429 {@code retry_after},
 * retries 5xx and network errors, and publishes 403 and {@code migrate_to_chat_id} answers as events.
 *
 * <p>With no token configured Muster runs in sandbox mode: the same client talks over HTTP to the
 * Bot API emulator served by this application ({@code org.muster.sandbox}).
 */
package org.muster.telegram;
