package org.muster.catalog;

import java.util.Locale;

public record Skill(String code, String nameZh, String nameEn, int sortOrder, boolean retired) {

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
