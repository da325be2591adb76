package org.muster.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.recruitment.PeopleList.Person;
import org.muster.recruitment.PeopleList.Standing;

/** Where people stand, the pages of the list and its CSV, without Spring. */
class PeopleListTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-01T00:30:00Z");

    static Stream<Arguments> standings() {
        return Stream.of(
                Arguments.of("confirmed", false, Standing.ENROLLED),
                Arguments.of("offered", false, Standing.ENROLLED),
                Arguments.of("confirmed", true, Standing.CHECKED_IN),
                Arguments.of("no_show", false, Standing.NO_SHOW),
                Arguments.of("no_show", true, Standing.CHECKED_IN),
                Arguments.of("waitlisted", false, Standing.WAITLISTED),
                Arguments.of("waitlisted", true, Standing.WAITLISTED),
                Arguments.of("cancelled", false, null),
                Arguments.of("cancelled", true, null));
    }

    @ParameterizedTest(name = "{0}, checked in {1}: {2}")
    @MethodSource("standings")
    void anEnrolmentStandsWhereItsStatusAndAttendanceSay(String status, boolean checkedIn, Standing expected) {
        assertThat(PeopleList.standing(status, checkedIn)).isEqualTo(expected);
    }

    private static Person person(int i, Standing standing) {
        return new Person("W" + i, "名" + i, "+86138000000" + String.format("%02d", i % 100), standing, AT, null, null);
    }

    @Test
    void pagesKeepTheOrderAndStayWithinTheBudgetAndRepeatTheHeader() {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            people.add(person(i, i % 3 == 0 ? Standing.WAITLISTED : Standing.ENROLLED));
        }
        List<PeopleList.Page> pages = PeopleList.pages(people, p -> 100, 20, 1000);
        assertThat(pages).hasSizeGreaterThan(1);
        List<Person> again = pages.stream().flatMap(p -> p.people().stream()).toList();
        assertThat(again).isEqualTo(PeopleList.ordered(people));
        assertThat(again.get(0).standing()).isEqualTo(Standing.ENROLLED);
        for (PeopleList.Page page : pages) {
            int used = page.people().size() * 100 + page.sections().size() * 20;
            assertThat(used).isLessThanOrEqualTo(1000);
        }
        // 20 enrolled and 10 waitlisted at 100 each: 9 a page with one header, the page where both begin has 8
        assertThat(pages.get(0).people()).hasSize(9);
        assertThat(pages.get(2).sections()).containsKeys(Standing.ENROLLED, Standing.WAITLISTED);
    }

    @Test
    void aLineLongerThanTheBudgetStillGetsItsPageAndNobodyIsOneEmptyPage() {
        assertThat(PeopleList.pages(List.of(person(1, Standing.ENROLLED)), p -> 5000, 20, 1000)).hasSize(1);
        assertThat(PeopleList.pages(List.of(), p -> 1, 1, 10)).singleElement().extracting(PeopleList.Page::people).asList().isEmpty();
    }

    @Test
    void theCsvHasABomQuotesAndFormulaSafeCellsAndReadsBackAsWritten() throws Exception {
        List<Person> people = List.of(
                new Person("W1", "=HYPERLINK(\"x\")", "+8613800000001", Standing.NO_SHOW, AT, null, null),
                new Person("W2", "林, \"小\"", "+8613800000002", Standing.ENROLLED, AT, AT.plusHours(1), AT.plusHours(2)),
                new Person("W3", null, null, Standing.WAITLISTED, AT, null, null));
        byte[] csv = PeopleCsv.of(people, c -> c, s -> s.name(), ZoneId.of("Asia/Shanghai"));
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith(PeopleCsv.BOM);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(text.substring(1))).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("name")).isEqualTo("林, \"小\"");
        assertThat(rows.get(0).get("checked_in_at")).isEqualTo("2026-12-01 09:30");
        assertThat(rows.get(1).get("volunteer")).isEqualTo("W3");
        assertThat(rows.get(1).get("name")).isEmpty();
        assertThat(rows.get(1).get("phone")).isEmpty();
        assertThat(rows.get(2).get("name")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(rows.get(2).get("phone")).isEqualTo("'+8613800000001");
        assertThat(rows.get(2).get("standing")).isEqualTo("NO_SHOW");
    }
}
