package org.muster.telegram;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** Turns an {@link Outbound} into the Bot API call that does it, with texts rendered. */
final class BotApiCalls {

    /** One Bot API call, ready to run; {@code paced} calls count against Telegram's message limits. */
    record Call(String method, long chatId, boolean paced, Invocation invocation) {
        Serializable run(TelegramClient client) throws TelegramApiException {
            return invocation.run(client);
        }
    }

    @FunctionalInterface
    interface Invocation {
        Serializable run(TelegramClient client) throws TelegramApiException;
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BotApiCalls.class);

    private final Texts texts;
    private final GroupCommands groupCommands;

    BotApiCalls(Texts texts, GroupCommands groupCommands) {
        this.texts = texts;
        this.groupCommands = groupCommands;
    }

    /** Message text as sent to the chat: in a group, the commands it suggests are addressed to this bot. */
    private String html(long chatId, org.muster.conversation.Txt text, java.util.Locale locale) {
        String html = texts.html(text, locale);
        return chatId < 0 ? groupCommands.qualify(html) : html;
    }

    /**
     * The calls that do it, in order: one, except for a message longer than Telegram takes, which
     * goes as several, split between lines (the first quotes what it answers, the last carries the
     * buttons, so a prompt is remembered by the message that has them).
     */
    List<Call> callsFor(Outbound outbound) {
        if (outbound instanceof Outbound.Prompt prompt) {
            return callsFor(prompt.send());
        }
        if (outbound instanceof Outbound.Send send) {
            List<String> parts = TelegramText.split(html(send.chatId(), send.text(), send.locale()), TelegramText.MESSAGE);
            if (parts.size() > 1) {
                log.warn("a message to chat {} has {} characters: sent in {} parts", send.chatId(),
                        parts.stream().mapToInt(TelegramText::visibleLength).sum(), parts.size());
            }
            List<Call> calls = new java.util.ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                boolean first = i == 0;
                boolean last = i == parts.size() - 1;
                SendMessage method = SendMessage.builder()
                        .chatId(send.chatId())
                        .text(parts.get(i))
                        .parseMode(ParseMode.HTML)
                        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                        .replyParameters(send.replyTo() == null || !first ? null
                                : ReplyParameters.builder().messageId(send.replyTo()).allowSendingWithoutReply(true).build())
                        .replyMarkup(last ? markup(send.markup(), send.locale()) : null)
                        .build();
                calls.add(new Call("sendMessage", send.chatId(), true, client -> client.execute(method)));
            }
            return calls;
        }
        return List.of(callFor(outbound));
    }

    private Call callFor(Outbound outbound) {
        if (outbound instanceof Outbound.Edit edit) {
            String html = html(edit.chatId(), edit.text(), edit.locale());
            if (TelegramText.visibleLength(html) > TelegramText.MESSAGE) {
                // an edit cannot become two messages: the feature should have paged it
                log.warn("an edit of message {} in chat {} is longer than Telegram takes: cut", edit.messageId(), edit.chatId());
                html = TelegramText.truncate(html, TelegramText.MESSAGE);
            }
            EditMessageText method = EditMessageText.builder()
                    .chatId(edit.chatId())
                    .messageId(edit.messageId())
                    .text(html)
                    .parseMode(ParseMode.HTML)
                    .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                    .replyMarkup(inline(edit.markup(), edit.locale()))
                    .build();
            return new Call("editMessageText", edit.chatId(), true, client -> client.execute(method));
        }
        if (outbound instanceof Outbound.EditButtons edit) {
            EditMessageReplyMarkup method = EditMessageReplyMarkup.builder()
                    .chatId(edit.chatId())
                    .messageId(edit.messageId())
                    .replyMarkup(inline(edit.markup(), edit.locale()))
                    .build();
            return new Call("editMessageReplyMarkup", edit.chatId(), true, client -> client.execute(method));
        }
        if (outbound instanceof Outbound.Delete delete) {
            DeleteMessage method = DeleteMessage.builder().chatId(delete.chatId()).messageId(delete.messageId()).build();
            return new Call("deleteMessage", delete.chatId(), false, client -> client.execute(method));
        }
        if (outbound instanceof Outbound.Toast toast) {
            AnswerCallbackQuery method = AnswerCallbackQuery.builder()
                    .callbackQueryId(toast.callbackId())
                    .text(toast.text() == null ? null : cut(texts.plain(toast.text(), toast.locale()), TelegramText.CALLBACK_ANSWER))
                    .showAlert(toast.alert())
                    .url(toast.url())
                    .build();
            return new Call("answerCallbackQuery", 0, false, client -> client.execute(method));
        }
        if (outbound instanceof Outbound.MenuButton menu) {
            org.telegram.telegrambots.meta.api.objects.menubutton.MenuButton button = menu.url() == null
                    ? org.telegram.telegrambots.meta.api.objects.menubutton.MenuButtonDefault.builder().build()
                    : org.telegram.telegrambots.meta.api.objects.menubutton.MenuButtonWebApp.builder()
                            .text(plain(menu.text(), menu.locale()))
                            .webAppInfo(new org.telegram.telegrambots.meta.api.objects.webapp.WebAppInfo(menu.url()))
                            .build();
            var method = org.telegram.telegrambots.meta.api.methods.menubutton.SetChatMenuButton.builder()
                    .chatId(menu.chatId()).menuButton(button).build();
            return new Call("setChatMenuButton", menu.chatId(), false, client -> client.execute(method));
        }
        Outbound.Document document = (Outbound.Document) outbound;
        return new Call("sendDocument", document.chatId(), true, client -> client.execute(SendDocument.builder()
                .chatId(document.chatId())
                .document(new InputFile(new ByteArrayInputStream(document.content()), document.fileName()))
                .caption(document.caption() == null ? null
                        : TelegramText.truncate(html(document.chatId(), document.caption(), document.locale()), TelegramText.CAPTION))
                .parseMode(document.caption() == null ? null : ParseMode.HTML)
                .build()));
    }

    private static String cut(String plain, int limit) {
        return plain.codePointCount(0, plain.length()) <= limit ? plain : plain.substring(0, plain.offsetByCodePoints(0, limit - 1)) + "…";
    }

    static int messageIdOf(Serializable result) {
        return result instanceof Message message && message.getMessageId() != null ? message.getMessageId() : 0;
    }

    private ReplyKeyboard markup(Markup markup, Locale locale) {
        if (markup == null) {
            return null;
        }
        if (markup instanceof Markup.Inline inline) {
            return inline(inline, locale);
        }
        if (markup instanceof Markup.Keyboard keyboard) {
            List<KeyboardRow> rows = keyboard.rows().stream()
                    .map(row -> new KeyboardRow(row.stream().map(key -> key(key, locale)).toList()))
                    .toList();
            return ReplyKeyboardMarkup.builder()
                    .keyboard(rows)
                    .resizeKeyboard(true)
                    .oneTimeKeyboard(keyboard.oneTime())
                    .selective(true)
                    .inputFieldPlaceholder(keyboard.placeholder() == null ? null : plain(keyboard.placeholder(), locale))
                    .build();
        }
        if (markup instanceof Markup.RemoveKeyboard) {
            return ReplyKeyboardRemove.builder().removeKeyboard(true).selective(true).build();
        }
        Markup.ForceReply force = (Markup.ForceReply) markup;
        return ForceReplyKeyboard.builder()
                .forceReply(true)
                .selective(force.selective())
                .inputFieldPlaceholder(force.placeholder() == null ? null : plain(force.placeholder(), locale))
                .build();
    }

    private InlineKeyboardMarkup inline(Markup.Inline inline, Locale locale) {
        if (inline == null) {
            return null;
        }
        List<InlineKeyboardRow> rows = inline.rows().stream()
                .map(row -> new InlineKeyboardRow(row.stream().map(button -> button(button, locale)).toList()))
                .toList();
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    private InlineKeyboardButton button(Markup.Button button, Locale locale) {
        if (button.webApp()) {
            return InlineKeyboardButton.builder()
                    .text(plain(button.label(), locale))
                    .webApp(new org.telegram.telegrambots.meta.api.objects.webapp.WebAppInfo(button.url()))
                    .build();
        }
        return InlineKeyboardButton.builder()
                .text(plain(button.label(), locale))
                .callbackData(button.data())
                .url(button.url())
                .build();
    }

    private KeyboardButton key(Markup.Key key, Locale locale) {
        return KeyboardButton.builder()
                .text(plain(key.label(), locale))
                .requestContact(key.action() == Markup.KeyAction.SHARE_CONTACT ? true : null)
                .requestLocation(key.action() == Markup.KeyAction.SHARE_LOCATION ? true : null)
                .build();
    }

    private String plain(Txt txt, Locale locale) {
        return texts.plain(txt, locale);
    }
}
