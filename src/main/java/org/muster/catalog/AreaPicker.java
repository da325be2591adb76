package org.muster.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.muster.conversation.Inbound;
import org.muster.conversation.Markup;
import org.muster.conversation.Txt;

/**
 * Choosing an area by walking down the tree with buttons (or typing a name at the current level):
 * the keyboard of one level, and the reading of an answer. Pure, for use inside flows.
 * Button data is {@code prefix + code}, {@code prefix + code + ":whole"} and {@code prefix + "^"} (back).
 */
public final class AreaPicker {

    /** What an answer meant. */
    public sealed interface Choice {
        /** Show the areas below {@code code} (null: the top level). */
        record Descend(String code) implements Choice {
        }

        /** The answer: {@code code}. */
        record Chosen(String code) implements Choice {
        }

        /** A button of another question, or of another level. */
        record Stale() implements Choice {
        }

        /** Typed text that names no area here, or not text at all. */
        record Unknown() implements Choice {
        }
    }

    private final Catalog catalog;
    private final String prefix;
    private final int wholeFromLevel;

    /**
     * @param prefix the button data prefix, e.g. {@code signup:area:}
     * @param wholeFromLevel from which level an area may be chosen as a whole although it has areas below
     */
    public AreaPicker(Catalog catalog, String prefix, int wholeFromLevel) {
        this.catalog = catalog;
        this.prefix = prefix;
        this.wholeFromLevel = wholeFromLevel;
    }

    public Markup.Inline keyboard(String parent, Locale locale, Txt wholeLabelKey, Txt backLabel) {
        List<Area> options = options(parent);
        List<List<Markup.Button>> rows = new ArrayList<>();
        for (int i = 0; i < options.size(); i += 2) {
            List<Markup.Button> row = new ArrayList<>();
            for (Area area : options.subList(i, Math.min(options.size(), i + 2))) {
                row.add(Markup.Button.callback(Txt.literal(area.name(locale)), prefix + area.code()));
            }
            rows.add(row);
        }
        if (parent != null) {
            Area here = catalog.area(parent).orElseThrow();
            if (here.level() >= wholeFromLevel) {
                rows.add(List.of(Markup.Button.callback(Txt.of(wholeLabelKey.key(), Txt.literal(here.name(locale))),
                        prefix + parent + ":whole")));
            }
            rows.add(List.of(Markup.Button.callback(backLabel, prefix + "^")));
        }
        return new Markup.Inline(rows);
    }

    public Choice read(String parent, Inbound inbound) {
        List<Area> options = options(parent);
        String chosen;
        if (inbound instanceof Inbound.Button button) {
            if (!button.data().startsWith(prefix)) {
                return new Choice.Stale();
            }
            String value = button.data().substring(prefix.length());
            if (value.equals("^")) {
                return new Choice.Descend(parent == null ? null : catalog.area(parent).map(Area::parentCode).orElse(null));
            }
            if (value.endsWith(":whole")) {
                String code = value.substring(0, value.length() - ":whole".length());
                boolean offered = code.equals(parent) && catalog.area(code).map(a -> a.level() >= wholeFromLevel).orElse(false);
                return offered ? new Choice.Chosen(code) : new Choice.Stale();
            }
            chosen = options.stream().map(Area::code).filter(value::equals).findFirst().orElse(null);
            if (chosen == null) {
                return new Choice.Stale();
            }
        } else if (inbound instanceof Inbound.Text text) {
            String typed = text.text().strip();
            chosen = options.stream()
                    .filter(a -> a.nameZh().equalsIgnoreCase(typed) || a.nameEn().equalsIgnoreCase(typed))
                    .map(Area::code).findFirst().orElse(null);
            if (chosen == null) {
                return new Choice.Unknown();
            }
        } else {
            return new Choice.Unknown();
        }
        return catalog.children(chosen).isEmpty() ? new Choice.Chosen(chosen) : new Choice.Descend(chosen);
    }

    private List<Area> options(String parent) {
        return parent == null ? catalog.topAreas() : catalog.children(parent);
    }
}
