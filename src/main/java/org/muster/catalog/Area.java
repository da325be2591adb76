package org.muster.catalog;

import java.util.Locale;

/** A place volunteers live or serve in; level 1 district, 2 street or town, 3 community or village. */
public record Area(String code, String parentCode, int level, String nameZh, String nameEn, int sortOrder, boolean retired) {

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }

    public boolean isTopLevel() {
        return parentCode == null;
    }
}
