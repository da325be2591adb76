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
 *       {@code CallbackMethods}, {@code MenuButtonMethods}).</li>
 *   <li>{@code /sandbox/api/...} ({@code ControlApiController}) is the control API through which
 *       tests, the sandbox web page and demo scripts act as Telegram users: they create users and
 *       chats, post messages, press inline buttons, open Mini Apps ({@code POST /sandbox/api/webapp},
 *       {@code WebAppLauncher}: the URL with signed {@code initData}, as Telegram's client opens it) and
 *       read the transcripts.</li>
 * </ul>
 *
 * <p>The sandbox page plays Telegram's client to a Mini App: it opens it in an iframe panel and
 * speaks Telegram's web protocol with it ({@code postMessage} events such as {@code web_app_ready},
 * {@code web_app_setup_main_button}, {@code main_button_pressed}); {@code /sandbox/telegram-web-app.js}
 * stands in for Telegram's {@code telegram-web-app.js} on the Mini App's side.
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
 * the class that does it says so. The deliberate deviations: webhooks may use plain HTTP on loopback
 * hosts, and so may Mini App URLs ({@code web_app} buttons and menu buttons, {@code WebAppUrl}): Telegram
 * takes only HTTPS, the sandbox also takes {@code http://127.0.0.1}, {@code http://localhost} and
 * {@code http://[::1]} so that the Muster on this machine can be opened.
 */
package org.muster.sandbox;
