package org.muster.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * A long list shown a page at a time, with ◀ ▶ buttons whose data is {@code prefix + page}: Telegram
 * takes at most 4,096 characters and 100 buttons in a message, and a list of a volunteer's shifts or
 * a shift's members may be longer than either. Pages are computed afresh on every press.
 */
public record Paging<T>(List<T> items, int page, int pages, int total) {

    /** The {@code requested} page (kept within bounds) of {@code all}, {@code size} items a page. */
    public static <T> Paging<T> of(List<T> all, int size, int requested) {
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int page = Math.max(0, Math.min(requested, pages - 1));
        return new Paging<>(List.copyOf(all.subList(page * size, Math.min(all.size(), (page + 1) * size))), page, pages, all.size());
    }

    public boolean paged() {
        return pages > 1;
    }

    /** The ◀ n/N ▶ row, or nothing when everything fits on one page. */
    public List<List<Markup.Button>> navigation(String prefix) {
        if (!paged()) {
            return List.of();
        }
        List<Markup.Button> row = new ArrayList<>();
        if (page > 0) {
            row.add(Markup.Button.callback(Txt.of("paging.previous"), prefix + (page - 1)));
        }
        row.add(Markup.Button.callback(Txt.of("paging.position", page + 1, pages), prefix + page));
        if (page < pages - 1) {
            row.add(Markup.Button.callback(Txt.of("paging.next"), prefix + (page + 1)));
        }
        return List.of(row);
    }
}
