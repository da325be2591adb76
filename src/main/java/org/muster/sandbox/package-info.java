/**
 * A Telegram Bot API emulator ("sandbox") that Muster serves inside itself when no bot token is
 * configured ({@code muster.telegram.token} empty or missing), so that the real path — the
 * TelegramBots OkHttp client, HTTP, JSON, long polling and webhooks — runs offline.
 *
 * <p>Two doors lead in:
 * <ul>
 *   <li>{@code /bot<token>/<method>} ({@link org.muster.sandbox.BotApiController}) is the Bot API as
 *       Telegram serves it: the same URL layout, parameters as JSON, query, form or multipart, the
 *       same JSON objects, and the same error codes and description texts, so that a request
 *       Telegram would reject fails here too. Method handlers are grouped by subject
 *       ({@code MessageMethods}, {@code UpdateMethods}, {@code ChatMethods}, {@code CommandMethods},
 *       {@code CallbackMethods}).</li>
 *   <li>{@code /sandbox/api/...} ({@code ControlApiController}) is the control API through which
 *       tests, the sandbox web page and demo scripts act as Telegram users: they create users and
 *       chats, post messages, press inline buttons and read the transcripts.</li>
 * </ul>
 *
 * <p>Everything lives in one in-memory {@code SandboxWorld} guarded by a single lock; the updates
 * meant for the bot wait in an {@code UpdateQueue} until a getUpdates call or the
 * {@code WebhookDeliverer} takes them. Text goes through Telegram's HTML parser
 * ({@code HtmlEntityParser}) and entity detection; sends and edits through the flood limits
 * ({@code FloodLimiter}); group messages through privacy mode ({@code PrivacyFilter}). With
 * {@code muster.sandbox.state-file} set, the world is written to a JSON file
 * ({@code WorldStateFile}) and read back at start, so a restarted application finds its chats.
 *
 * <p>Other packages see only {@link org.muster.sandbox.SandboxProperties} ({@code muster.sandbox.*}),
 * {@link org.muster.sandbox.SandboxEndpoint} (the token and base URL to point a client at) and
 * {@link org.muster.sandbox.ConditionalOnSandbox}. Where the sandbox knowingly differs from Telegram,
 * the class that does it says so; the one deliberate deviation is that webhooks may use plain HTTP
 * on loopback hosts.
 */
package org.muster.sandbox;
