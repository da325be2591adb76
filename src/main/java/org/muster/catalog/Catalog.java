package org.muster.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The areas and skills in force, with the retired ones still known by name (old records name
 * them). Immutable, so pure flows may hold it.
 */
public final class Catalog {

    private final Map<String, Area> areas;
    private final Map<String, Skill> skills;
    private final Map<String, List<Area>> children;

    public Catalog(List<Area> areas, List<Skill> skills) {
        Comparator<Area> areaOrder = Comparator.comparingInt(Area::sortOrder).thenComparing(Area::code);
        this.areas = areas.stream().sorted(areaOrder)
                .collect(Collectors.toMap(Area::code, a -> a, (a, b) -> a, LinkedHashMap::new));
        this.skills = skills.stream().sorted(Comparator.comparingInt(Skill::sortOrder).thenComparing(Skill::code))
                .collect(Collectors.toMap(Skill::code, s -> s, (a, b) -> a, LinkedHashMap::new));
        Map<String, List<Area>> byParent = new LinkedHashMap<>();
        for (Area area : this.areas.values()) {
            if (!area.retired()) {
                byParent.computeIfAbsent(area.parentCode() == null ? "" : area.parentCode(), k -> new ArrayList<>()).add(area);
            }
        }
        byParent.replaceAll((k, v) -> List.copyOf(v));
        this.children = Collections.unmodifiableMap(byParent);
    }

    /** The districts (or whatever the top level is) that are in force. */
    public List<Area> topAreas() {
        return children.getOrDefault("", List.of());
    }

    /** The areas in force directly below {@code code}. */
    public List<Area> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    public Optional<Area> area(String code) {
        return Optional.ofNullable(code).map(areas::get);
    }

    /** From the top level down to {@code code}; empty if unknown. */
    public List<Area> path(String code) {
        List<Area> path = new ArrayList<>();
        Area current = areas.get(code);
        while (current != null) {
            path.add(0, current);
            current = current.parentCode() == null ? null : areas.get(current.parentCode());
        }
        return path;
    }

    /** The area's full name (江宁区 › 东山街道 › 百家湖社区), or the code itself if unknown. */
    public String pathName(String code, Locale locale) {
        List<Area> path = path(code);
        if (path.isEmpty()) {
            return code == null ? "" : code;
        }
        return path.stream().map(a -> a.name(locale)).collect(Collectors.joining(" › "));
    }

    /** True when {@code code} is {@code ancestor} or lies below it. */
    public boolean within(String code, String ancestor) {
        return path(code).stream().anyMatch(a -> a.code().equals(ancestor));
    }

    /** The skills in force. */
    public List<Skill> skills() {
        return skills.values().stream().filter(s -> !s.retired()).toList();
    }

    public Optional<Skill> skill(String code) {
        return Optional.ofNullable(code).map(skills::get);
    }

    public String skillName(String code, Locale locale) {
        return skill(code).map(s -> s.name(locale)).orElse(code);
    }

    public boolean hasArea(String code) {
        return areas.containsKey(code) && !areas.get(code).retired();
    }

    public boolean hasSkill(String code) {
        return skills.containsKey(code) && !skills.get(code).retired();
    }
}
