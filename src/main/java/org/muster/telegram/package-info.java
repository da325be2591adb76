/**
 * The only code that knows the Telegram Bot API.
 *
 * <p>Inbound: {@link org.muster.telegram.PollingLoop} (Muster's own {@code getUpdates} loop, which
 * confirms an offset only after the batch was handled) or {@link org.muster.telegram.WebhookServlet}
 * (checks the secret header, parses the body once, handles the update before answering). Both read
 * Bot API updates as JSON trees into {@link org.muster.conversation.Inbound} records
 * ({@link org.muster.telegram.UpdateReader}) and hand them to the dispatcher.
 *
 * <p>Outbound: {@link org.muster.telegram.TelegramChatSender} is the one sender every feature uses. It
 * paces sends with token buckets in Redis shared by all instances, honours 429 {@code retry_after},
 * retries 5xx and network errors, and publishes 403 and {@code migrate_to_chat_id} answers as events.
 *
 * <p>With no token configured Muster runs in sandbox mode: the same client talks over HTTP to the
 * Bot API emulator served by this application ({@code org.muster.sandbox}).
 */
package org.muster.telegram;
