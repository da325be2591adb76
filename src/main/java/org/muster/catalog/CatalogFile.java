package org.muster.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and checks the catalog file. A mistake stops the start-up with a sentence naming the
 * entry, rather than offering volunteers a broken list.
 */
final class CatalogFile {

    private static final String CODE = "[a-z0-9][a-z0-9._-]{0,39}";

    private CatalogFile() {
    }

    static Catalog read(Resource resource) {
        Object document;
        try (InputStream in = resource.getInputStream()) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the catalog " + resource.getDescription() + ": " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw invalid(resource, "the file must have 'areas' and 'skills'");
        }
        List<Area> areas = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        readAreas(resource, list(resource, root.get("areas"), "areas"), null, 1, areas, codes);
        List<Skill> skills = new ArrayList<>();
        Set<String> skillCodes = new HashSet<>();
        int order = 0;
        for (Object entry : list(resource, root.get("skills"), "skills")) {
            Map<?, ?> skill = map(resource, entry, "a skill");
            String code = code(resource, skill, skillCodes);
            skills.add(new Skill(code, text(resource, skill, "zh", code), text(resource, skill, "en", code), order++, false));
        }
        if (areas.isEmpty() || skills.isEmpty()) {
            throw invalid(resource, "it needs at least one area and one skill");
        }
        return new Catalog(areas, skills);
    }

    private static void readAreas(Resource resource, List<?> entries, String parent, int level, List<Area> out, Set<String> codes) {
        if (level > 3) {
            throw invalid(resource, "areas go three levels deep at most (below " + parent + ")");
        }
        int order = 0;
        for (Object entry : entries) {
            Map<?, ?> area = map(resource, entry, "an area");
            String code = code(resource, area, codes);
            out.add(new Area(code, parent, level, text(resource, area, "zh", code), text(resource, area, "en", code), order++, false));
            Object children = area.get("children");
            if (children != null) {
                readAreas(resource, list(resource, children, "children of " + code), code, level + 1, out, codes);
            }
        }
    }

    private static String code(Resource resource, Map<?, ?> entry, Set<String> seen) {
        Object code = entry.get("code");
        if (!(code instanceof String text) || !text.matches(CODE)) {
            throw invalid(resource, "code '" + code + "' must be 1-40 of a-z, 0-9, '.', '-' and '_'");
        }
        if (!seen.add(text)) {
            throw invalid(resource, "code '" + text + "' is used twice");
        }
        return text;
    }

    private static String text(Resource resource, Map<?, ?> entry, String key, String code) {
        Object value = entry.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(resource, "'" + code + "' needs a name in '" + key + "'");
        }
        if (text.strip().length() > 40) {
            throw invalid(resource, "the '" + key + "' name of '" + code + "' is over 40 characters (it must fit on a button)");
        }
        return text.strip();
    }

    private static List<?> list(Resource resource, Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw invalid(resource, "'" + what + "' must be a list");
        }
        return list;
    }

    private static Map<?, ?> map(Resource resource, Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(resource, what + " must be an entry with code, zh and en");
        }
        return map;
    }

    private static IllegalStateException invalid(Resource resource, String why) {
        return new IllegalStateException("the catalog " + resource.getDescription() + " is invalid: " + why);
    }
}
