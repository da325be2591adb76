package org.muster.conversation;

import java.text.DateFormat;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 *
 * <p>Every update renders its replies here, so a bundle text whose placeholders are all plain
 * ({@code {0}}, no {@code choice} or {@code number} format) is asked of the bundles once per language
 * and kept as its fixed parts; rendering it then takes no lock (the bundles' {@code MessageFormat}
 * formats under one per text) and parses nothing. Texts with formats are rendered by the bundles
 * each time.
 */
@Component
public class Texts {

    private static final Logger log = LoggerFactory.getLogger(Texts.class);

    /** Marks a placeholder in a text rendered once with these as its arguments: private-use characters. */
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final int PROBED_ARGUMENTS = 16;
    /** Keys come from code, not from users; the bound only guards against a mistake that makes them up. */
    private static final int MAX_TEMPLATES = 20_000;

    private final MessageSource messages;
    private final Map<Locale, Map<String, Template>> templates = new ConcurrentHashMap<>();
    private final Map<Locale, Map<String, DateTimeFormatter>> dateFormats = new ConcurrentHashMap<>();
    private final Map<Locale, ThreadLocal<NumberFormat>> numberFormats = new ConcurrentHashMap<>();
    private final Map<Locale, ThreadLocal<DateFormat>> dateTimeFormats = new ConcurrentHashMap<>();

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
            DateTimeFormatter format = dateFormats.computeIfAbsent(locale, l -> new ConcurrentHashMap<>()).computeIfAbsent(txt.key(),
                    key -> DateTimeFormatter.ofPattern(messages.getMessage(key, null, key.equals(Txt.DATE) ? "yyyy-MM-dd" : "HH:mm", locale),
                            locale));
            return format.format((TemporalAccessor) txt.args().get(0));
        }
        Object[] args = txt.args().stream().map(arg -> renderArgument(arg, locale, html)).toArray();
        if (Txt.JOIN.equals(txt.key())) {
            String separator = messages.getMessage(Txt.JOIN, null, ", ", locale);
            return String.join(separator, java.util.Arrays.stream(args).map(String::valueOf).toList());
        }
        try {
            Template template = template(txt.key(), locale);
            return template.plain ? template.format(args, this, locale) : messages.getMessage(txt.key(), args, locale);
        } catch (NoSuchMessageException e) {
            log.error("no text for key {} in {}", txt.key(), locale);
            return txt.key();
        }
    }

    private Template template(String key, Locale locale) {
        Map<String, Template> byKey = templates.computeIfAbsent(locale, l -> new ConcurrentHashMap<>());
        Template known = byKey.get(key);
        if (known != null) {
            return known;
        }
        Template made = Template.of(probe(key, locale));
        if (byKey.size() < MAX_TEMPLATES) {
            byKey.put(key, made);
        }
        return made;
    }

    /** The text rendered with marked arguments; null when it formats one of them (a choice, a number). */
    private String probe(String key, Locale locale) {
        Object[] marks = new Object[PROBED_ARGUMENTS];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = "" + OPEN + (char) ('a' + i) + CLOSE;
        }
        try {
            return messages.getMessage(key, marks, locale);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A bundle text as fixed parts and argument positions, or (not plain) one the bundles render each
     * time. Arguments are put in as {@code MessageFormat} puts them into a plain placeholder: a number
     * in the language's number format, a date in its short date and time, anything else as its string.
     */
    private record Template(boolean plain, String[] literals, int[] arguments) {

        static Template of(String probed) {
            if (probed == null) {
                return new Template(false, null, null);
            }
            List<String> literals = new ArrayList<>();
            List<Integer> arguments = new ArrayList<>();
            int from = 0;
            for (int open = probed.indexOf(OPEN); open >= 0; open = probed.indexOf(OPEN, from)) {
                if (open + 2 >= probed.length() || probed.charAt(open + 2) != CLOSE) {
                    return new Template(false, null, null);
                }
                literals.add(probed.substring(from, open));
                arguments.add(probed.charAt(open + 1) - 'a');
                from = open + 3;
            }
            literals.add(probed.substring(from));
            return new Template(true, literals.toArray(String[]::new), arguments.stream().mapToInt(Integer::intValue).toArray());
        }

        String format(Object[] args, Texts texts, Locale locale) {
            if (arguments.length == 0) {
                return literals[0];
            }
            StringBuilder out = new StringBuilder(literals.length * 16 + 32);
            for (int i = 0; i < arguments.length; i++) {
                out.append(literals[i]);
                int index = arguments[i];
                if (index >= args.length) {
                    // as MessageFormat leaves a placeholder it has no argument for
                    out.append('{').append(index).append('}');
                } else {
                    out.append(texts.argument(args[index], locale));
                }
            }
            return out.append(literals[arguments.length]).toString();
        }
    }

    private String argument(Object arg, Locale locale) {
        if (arg instanceof String text) {
            return text;
        }
        if (arg instanceof Number number) {
            return numberFormats.computeIfAbsent(locale, l -> ThreadLocal.withInitial(() -> NumberFormat.getInstance(l))).get()
                    .format(number);
        }
        if (arg instanceof Date date) {
            return dateTimeFormats.computeIfAbsent(locale,
                    l -> ThreadLocal.withInitial(() -> DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.SHORT, l))).get()
                    .format(date);
        }
        return String.valueOf(arg);
    }

    private Object renderArgument(Object arg, Locale locale, boolean html) {
        if (arg instanceof Txt nested) {
            return render(nested, locale, html);
        }
        if (arg instanceof java.util.List<?> lines) {
            // a list argument becomes one line per element
            return String.join("\n", lines.stream().map(line -> String.valueOf(renderArgument(line, locale, html))).toList());
        }
        if (arg instanceof Number || arg instanceof Date) {
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
