package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The two bundles stay in step, and every text is a valid message pattern. */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** Every Chinese bundle (each feature has its own), found on the class path. */
    private static List<String> chineseBundles() throws IOException {
        return Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath:i18n/*.properties"))
                .map(Resource::getFilename)
                .filter(name -> !name.contains("_"))
                .sorted()
                .toList();
    }

    @Test
    void everyFeatureHasItsBundleInBothLanguagesWithTheSameKeys() throws IOException {
        assertThat(chineseBundles()).contains("messages.properties", "volunteer.properties");
        for (String bundle : chineseBundles()) {
            Set<String> chinese = new TreeSet<>(load(bundle).stringPropertyNames());
            Set<String> english = new TreeSet<>(load(bundle.replace(".properties", "_en.properties")).stringPropertyNames());

            assertThat(english).as(bundle).containsExactlyElementsOf(chinese);
        }
    }

    @Test
    void noKeyIsDefinedInTwoBundles() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (String bundle : chineseBundles()) {
            for (String key : load(bundle).stringPropertyNames()) {
                assertThat(seen.add(key)).as(key + " in " + bundle + " is also in another bundle").isTrue();
            }
        }
    }

    @Test
    void everyTextIsAValidPatternWithoutStrayApostrophes() throws IOException {
        List<String> all = new java.util.ArrayList<>();
        for (String bundle : chineseBundles()) {
            all.add(bundle);
            all.add(bundle.replace(".properties", "_en.properties"));
        }
        for (String bundle : all) {
            Properties texts = load(bundle);
            for (String key : texts.stringPropertyNames()) {
                String pattern = texts.getProperty(key);
                assertThat(new MessageFormat(pattern, Locale.ENGLISH).format(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toArray()))
                        .as(bundle + " " + key + ": a single ' hides the rest of the text; write ''")
                        .doesNotContain("{").doesNotContain("}");
                assertThat(pattern.replace("''", "")).as(bundle + " " + key).doesNotContain("'");
            }
        }
    }

    /** The tags Telegram's HTML parse mode takes; any other is refused with "Unsupported start tag". */
    private static final Set<String> TELEGRAM_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
            "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");

    @Test
    void everyTagInATextIsOneTelegramTakes() throws IOException {
        java.util.regex.Pattern tag = java.util.regex.Pattern.compile("</?([A-Za-z][A-Za-z0-9-]*)");
        for (String chinese : chineseBundles()) {
            for (String bundle : List.of(chinese, chinese.replace(".properties", "_en.properties"))) {
                Properties texts = load(bundle);
                for (String key : texts.stringPropertyNames()) {
                    java.util.regex.Matcher found = tag.matcher(texts.getProperty(key));
                    while (found.find()) {
                        assertThat(TELEGRAM_TAGS).as(bundle + " " + key + ": <" + found.group(1) + "> would make Telegram refuse the "
                                + "message; write &lt; for a literal <").contains(found.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
    }

    @Test
    void argumentsAreEscapedAndNestedTextsRenderedInTheSameLanguage() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        Texts texts = new Texts(source);

        String html = texts.html(Txt.of("error.unknown_command", "<b>&"), Locale.ENGLISH);
        assertThat(html).isEqualTo("There is no &lt;b&gt;&amp; command. Send /help to see the commands.");
        assertThat(texts.plain(Txt.of("error.unknown_command", "<b>"), Locale.ENGLISH)).contains("<b>");
        assertThat(texts.html(Txt.of("help.line", "/lang", Txt.of("command.lang")), Languages.CHINESE))
                .isEqualTo("/lang — 切换语言（中文 / English）");
        assertThat(texts.html(Txt.literal("a < b"), Locale.ENGLISH)).isEqualTo("a &lt; b");
    }

    /**
     * Texts renders a text with plain placeholders from its parts, without the bundles: for every key of
     * every bundle, in both languages, with text, number and date arguments and with too few, it gives
     * what the bundles themselves give.
     */
    @Test
    void everyTextRendersAsTheBundlesRenderIt() throws IOException {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(chineseBundles().stream().map(name -> "i18n/" + name.replace(".properties", "")).toArray(String[]::new));
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        Texts texts = new Texts(source);
        java.util.Date date = new java.util.Date(1_764_554_400_000L);
        List<Object[]> argumentSets = List.of(new Object[0], new Object[] {"甲"},
                new Object[] {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"},
                new Object[] {12345, 0, 2, 1, 7, 3, 4, 5, 6, 8, 9, 10},
                new Object[] {"x", 1234567L, 0, "y", 3, date, 1.5, "z", 2, "w", 0, "v"});
        int plain = 0;
        for (String bundle : chineseBundles()) {
            for (String key : load(bundle).stringPropertyNames()) {
                if (Set.of(Txt.JOIN, Txt.DATE, Txt.TIME).contains(key)) {
                    // not message patterns: a separator and two date patterns
                    continue;
                }
                for (Locale locale : Languages.SUPPORTED) {
                    for (Object[] args : argumentSets) {
                        String expected;
                        try {
                            expected = source.getMessage(key, args, locale);
                        } catch (IllegalArgumentException e) {
                            continue;
                        }
                        Object[] given = java.util.Arrays.stream(args).map(a -> a instanceof String t ? Txt.literal(t) : a).toArray();
                        assertThat(texts.plain(Txt.of(key, given), locale)).as(key + " in " + locale + " with " + List.of(args))
                                .isEqualTo(expected);
                        plain++;
                    }
                }
            }
        }
        assertThat(plain).isGreaterThan(1000);
    }
}
