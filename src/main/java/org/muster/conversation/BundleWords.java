package org.muster.conversation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Words people type that Muster must recognise (到, here; 今天, today), kept in the message bundles
 * beside the texts of each language: a comma-separated list per key, all languages together, so a
 * Chinese speaker whose app is in English is understood as well.
 */
public final class BundleWords {

    private BundleWords() {
    }

    public static List<String> of(MessageSource messages, String key) {
        Set<String> words = new LinkedHashSet<>();
        for (var locale : Languages.SUPPORTED) {
            Arrays.stream(messages.getMessage(key, null, "", locale).split(","))
                    .map(word -> word.strip().replace("''", "'")).filter(word -> !word.isEmpty()).forEach(words::add);
        }
        return new ArrayList<>(words);
    }

    /** The bundles as the application reads them, for tests and tools that run without Spring. */
    public static MessageSource bundles(String... basenames) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(Arrays.stream(basenames).map(name -> "i18n/" + name).toArray(String[]::new));
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
