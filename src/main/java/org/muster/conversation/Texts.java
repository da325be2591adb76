package org.muster.conversation;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Renders {@link Txt} from the message bundles ({@code i18n/messages*.properties}; Chinese is the
 * default bundle, English the {@code _en} one). Messages are sent with HTML parse mode: bundle
 * texts are trusted markup, while arguments and literals are escaped, so a volunteer named
 * {@code <b>} cannot break or forge formatting.
 */
@Component
public class Texts {

    private static final Logger log = LoggerFactory.getLogger(Texts.class);

    private final MessageSource messages;

    public Texts(MessageSource messages) {
        this.messages = messages;
    }

    /** For message text sent with HTML parse mode. */
    public String html(Txt txt, Locale locale) {
        return render(txt, locale, true);
    }

    /** For places the platform shows verbatim: button labels, toasts, command menus, documents. */
    public String plain(Txt txt, Locale locale) {
        return render(txt, locale, false);
    }

    /** True when the bundle has the key (in the default bundle at least). */
    public boolean has(String key, Locale locale) {
        return messages.getMessage(key, null, null, locale) != null;
    }

    private String render(Txt txt, Locale locale, boolean html) {
        if (txt.isLiteral()) {
            return html ? escape(txt.literal()) : txt.literal();
        }
        if (Txt.DATE.equals(txt.key()) || Txt.TIME.equals(txt.key())) {
            String pattern = messages.getMessage(txt.key(), null, txt.key().equals(Txt.DATE) ? "yyyy-MM-dd" : "HH:mm", locale);
            return java.time.format.DateTimeFormatter.ofPattern(pattern, locale).format((java.time.temporal.TemporalAccessor) txt.args().get(0));
        }
        Object[] args = txt.args().stream().map(arg -> renderArgument(arg, locale, html)).toArray();
        if (Txt.JOIN.equals(txt.key())) {
            String separator = messages.getMessage(Txt.JOIN, null, ", ", locale);
            return String.join(separator, java.util.Arrays.stream(args).map(String::valueOf).toList());
        }
        try {
            return messages.getMessage(txt.key(), args, locale);
        } catch (NoSuchMessageException e) {
            log.error("no text for key {} in {}", txt.key(), locale);
            return txt.key();
        }
    }

    private Object renderArgument(Object arg, Locale locale, boolean html) {
        if (arg instanceof Txt nested) {
            return render(nested, locale, html);
        }
        if (arg instanceof java.util.List<?> lines) {
            // a list argument becomes one line per element
            return String.join("\n", lines.stream().map(line -> String.valueOf(renderArgument(line, locale, html))).toList());
        }
        if (arg instanceof Number || arg instanceof java.util.Date) {
            return arg;
        }
        String text = String.valueOf(arg);
        return html ? escape(text) : text;
    }

    /** Telegram's HTML knows only these four named entities; anything else must stay as is. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
