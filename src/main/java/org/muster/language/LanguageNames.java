package org.muster.language;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.muster.conversation.Languages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words people type to pick a language (English, 中文, en…), read once from the bundles'
 * {@code lang.words.zh} and {@code lang.words.en}, so the flow can recognise them without I/O.
 */
@Component
class LanguageNames {

    private final Map<String, String> codeByWord = new HashMap<>();

    @Autowired
    LanguageNames(MessageSource messages) {
        for (Locale bundle : Languages.SUPPORTED) {
            for (String code : new String[] {"zh", "en"}) {
                String words = messages.getMessage("lang.words." + code, null, "", bundle);
                Arrays.stream(words.split(","))
                        .map(LanguageNames::normalise)
                        .filter(word -> !word.isEmpty())
                        .forEach(word -> codeByWord.put(word, code));
            }
        }
        addCodes();
    }

    LanguageNames(Map<String, String> codeByWord) {
        this.codeByWord.putAll(codeByWord);
        addCodes();
    }

    private void addCodes() {
        codeByWord.put("zh", "zh");
        codeByWord.put("en", "en");
    }

    Optional<String> codeFor(String typed) {
        return Optional.ofNullable(codeByWord.get(normalise(typed)));
    }

    private static String normalise(String word) {
        return word.strip().toLowerCase(Locale.ROOT);
    }
}
