package org.muster.recruitment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The people of a call grouped by where they stand (enrolled, waitlisted, checked in, no-show), cut
 * into pages that each stay within a message's length. Pure: the lengths come from the caller.
 */
final class PeopleList {

    /** Where someone stands on a call, in the order the list shows them. */
    enum Standing { ENROLLED, WAITLISTED, CHECKED_IN, NO_SHOW }

    /**
     * One person of the call. {@code name} and {@code phone} are null for a volunteer who asked to
     * be forgotten: they appear by their volunteer number only.
     */
    record Person(String volunteer, String name, String phone, Standing standing, OffsetDateTime enrolledAt,
                  OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt) {

        boolean forgotten() {
            return name == null && phone == null;
        }
    }

    /** A page: its people in list order, and the section headers it needs. */
    record Page(List<Person> people) {

        Map<Standing, List<Person>> sections() {
            Map<Standing, List<Person>> sections = new EnumMap<>(Standing.class);
            for (Person person : people) {
                sections.computeIfAbsent(person.standing(), s -> new ArrayList<>()).add(person);
            }
            return sections;
        }
    }

    private PeopleList() {
    }

    /** An enrolment's status and whether its volunteer was checked in: where they stand; null for one who left. */
    static Standing standing(String status, boolean checkedIn) {
        if (checkedIn && !"waitlisted".equals(status) && !"cancelled".equals(status)) {
            return Standing.CHECKED_IN;
        }
        return switch (status) {
            case "confirmed", "offered" -> Standing.ENROLLED;
            case "waitlisted" -> Standing.WAITLISTED;
            case "no_show" -> Standing.NO_SHOW;
            default -> null;
        };
    }

    /** Everyone in the list's order: by standing, and within one as given (their places, the waitlist's order). */
    static List<Person> ordered(List<Person> people) {
        return people.stream().filter(p -> p.standing() != null).sorted(Comparator.comparing(Person::standing)).toList();
    }

    /** How many stand where, for the headers (which give the whole count on every page). */
    static Map<Standing, Integer> totals(List<Person> people) {
        Map<Standing, Integer> totals = new EnumMap<>(Standing.class);
        people.stream().filter(p -> p.standing() != null).forEach(p -> totals.merge(p.standing(), 1, Integer::sum));
        return totals;
    }

    /**
     * The people cut into pages: on each, the lines ({@code lineLength} each) and a header per
     * section begun there ({@code headerLength}) add up to at most {@code budget}; a page holds at
     * least one person, and there is always at least one (empty) page.
     */
    static List<Page> pages(List<Person> people, ToIntFunction<Person> lineLength, int headerLength, int budget) {
        List<Page> pages = new ArrayList<>();
        List<Person> current = new ArrayList<>();
        int used = 0;
        Standing section = null;
        for (Person person : ordered(people)) {
            int cost = lineLength.applyAsInt(person) + (person.standing() != section ? headerLength : 0);
            if (!current.isEmpty() && used + cost > budget) {
                pages.add(new Page(List.copyOf(current)));
                current.clear();
                // the next page repeats the section's header
                cost = lineLength.applyAsInt(person) + headerLength;
                used = 0;
            }
            current.add(person);
            used += cost;
            section = person.standing();
        }
        if (!current.isEmpty() || pages.isEmpty()) {
            pages.add(new Page(List.copyOf(current)));
        }
        return pages;
    }
}
