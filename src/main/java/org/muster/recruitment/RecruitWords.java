package org.muster.recruitment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.muster.conversation.Languages;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The words and signs people use in time windows and numbers, from both bundles ({@code recruit.words.*}). */
final class RecruitWords {

    static final List<String> KINDS = List.of("range", "colon", "month", "day", "hour", "today", "tomorrow", "day_after", "people");

    private RecruitWords() {
    }

    static Map<String, List<String>> from(MessageSource messages) {
        Map<String, List<String>> words = new LinkedHashMap<>();
        for (String kind : KINDS) {
            for (var locale : Languages.SUPPORTED) {
                String list = messages.getMessage("recruit.words." + kind, null, "", locale);
                Arrays.stream(list.split(",")).map(String::strip).filter(w -> !w.isEmpty())
                        .forEach(w -> words.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(w));
            }
        }
        return words;
    }

    static TimeWindowParser parser(Map<String, List<String>> words) {
        return new TimeWindowParser(words);
    }

    /** The bundles as the application reads them, for tests and tools that run without Spring. */
    static Map<String, List<String>> bundleWords() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/messages", "i18n/recruitment");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return from(source);
    }
}
