package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The two bundles stay in step, and every text is a valid message pattern. */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> chinese = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> english = new TreeSet<>(load("messages_en.properties").stringPropertyNames());

        assertThat(english).containsExactlyElementsOf(chinese);
    }

    @Test
    void everyTextIsAValidPatternWithoutStrayApostrophes() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties texts = load(bundle);
            for (String key : texts.stringPropertyNames()) {
                String pattern = texts.getProperty(key);
                assertThat(new MessageFormat(pattern, Locale.ENGLISH).format(new Object[] {"a", "b", "c", "d", "e"}))
                        .as(bundle + " " + key + ": a single ' hides the rest of the text; write ''")
                        .doesNotContain("{").doesNotContain("}");
                assertThat(pattern.replace("''", "")).as(bundle + " " + key).doesNotContain("'");
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
}
