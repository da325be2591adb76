package org.muster.hours;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The two exports as CSV: one row per approved record, and totals per volunteer. UTF-8 with a
 * byte-order mark, so that Excel opens Chinese text correctly; quoting by commons-csv. A cell that
 * a spreadsheet would run as a formula (a name typed as {@code =HYPERLINK(...)}) is prefixed with
 * an apostrophe. A forgotten volunteer appears only by their anonymous volunteer number. Pure.
 */
final class HoursCsv {

    static final String BOM = "\uFEFF";
    static final List<String> RECORD_COLUMNS = List.of("record", "volunteer", "name", "team", "activity", "date", "minutes", "hours",
            "source", "approved_by", "approved_at");
    static final List<String> TOTAL_COLUMNS = List.of("volunteer", "name", "team", "records", "minutes", "hours");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private HoursCsv() {
    }

    /** @param header the column title of a column name, in the reader's language */
    static byte[] records(List<ExportRepository.Row> rows, Function<String, String> header, Function<String, String> source, ZoneId zone) {
        return write(RECORD_COLUMNS, header, printer -> {
            for (ExportRepository.Row row : rows) {
                printer.printRecord(row.recordId(), row.volunteer(), safe(row.name()), safe(row.team()), safe(row.activity()),
                        row.date().toString(), row.minutes(), hours(row.minutes()), source.apply(row.source()), safe(row.approvedBy()),
                        row.approvedAt() == null ? "" : STAMP.format(row.approvedAt().atZoneSameInstant(zone)));
            }
        });
    }

    static byte[] totals(List<ExportRepository.Row> rows, Function<String, String> header) {
        Map<String, Total> totals = new LinkedHashMap<>();
        for (ExportRepository.Row row : rows) {
            totals.computeIfAbsent(row.volunteer(), id -> new Total(id, row.name())).add(row);
        }
        return write(TOTAL_COLUMNS, header, printer -> {
            for (Total total : totals.values().stream().sorted((a, b) -> Integer.compare(b.minutes, a.minutes)).toList()) {
                printer.printRecord(total.volunteer, safe(total.name), safe(String.join(" / ", total.teams)), total.records, total.minutes,
                        hours(total.minutes));
            }
        });
    }

    private interface Body {
        void print(CSVPrinter printer) throws IOException;
    }

    private static byte[] write(List<String> columns, Function<String, String> header, Body body) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(columns.stream().map(header).toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            body.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Text a spreadsheet would take for a formula is kept as text. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    private static String hours(int minutes) {
        return String.format(java.util.Locale.ROOT, "%.2f", minutes / 60.0);
    }

    private static final class Total {
        final String volunteer;
        final String name;
        final Set<String> teams = new LinkedHashSet<>();
        int records;
        int minutes;

        Total(String volunteer, String name) {
            this.volunteer = volunteer;
            this.name = name;
        }

        void add(ExportRepository.Row row) {
            records++;
            minutes += row.minutes();
            if (row.team() != null) {
                teams.add(row.team());
            }
        }
    }
}
