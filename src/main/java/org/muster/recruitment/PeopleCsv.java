package org.muster.recruitment;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A call's people as CSV, one row each in the list's order: UTF-8 with a byte-order mark (so that
 * Excel reads Chinese), quoting by commons-csv, and a cell a spreadsheet would run as a formula
 * kept as text with a leading apostrophe. A forgotten volunteer has a number and no name nor
 * phone. Pure.
 */
final class PeopleCsv {

    static final String BOM = "\uFEFF";
    static final List<String> COLUMNS = List.of("volunteer", "name", "phone", "standing", "enrolled_at", "checked_in_at", "checked_out_at");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PeopleCsv() {
    }

    /**
     * @param header the column title of a column name, in the reader's language
     * @param standing the word for where someone stands, in the reader's language
     */
    static byte[] of(List<PeopleList.Person> people, Function<String, String> header, Function<PeopleList.Standing, String> standing,
                     ZoneId zone) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.stream().map(header).toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (PeopleList.Person person : PeopleList.ordered(people)) {
                printer.printRecord(safe(person.volunteer()), safe(person.name()), safe(person.phone()), standing.apply(person.standing()),
                        stamp(person.enrolledAt(), zone), stamp(person.checkedInAt(), zone), stamp(person.checkedOutAt(), zone));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String stamp(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : STAMP.format(at.atZoneSameInstant(zone));
    }

    /** Text a spreadsheet would take for a formula is kept as text (a phone's leading {@code +} too, as in the hours export). */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }
}
