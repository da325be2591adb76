package org.muster.hours;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.muster.app.AppUser;
import org.muster.audit.AuditLog;
import org.muster.conversation.Languages;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Role;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's figures, for coordinators: the same snapshot as {@code /stats} ({@link Statistics}),
 * as JSON the page draws as charts, and as downloads: one sheet as CSV, or every sheet in one Excel
 * workbook (column names in the user's language, dates as dates, rates as percentages). Every
 * download is in the audit log.
 */
@RestController
class FiguresApi {

    /** One table of the figures: its name, its columns, and its rows of text, numbers and times. */
    record Sheet(String name, List<String> columns, List<List<Object>> rows) {
    }

    static final List<String> SHEETS = List.of("districts", "skills", "calls", "teams", "no_shows", "months", "days");

    /** What the page draws: the snapshot of {@code /stats} and the trends. */
    record Figures(Statistics.Snapshot now, Statistics.Trends trends) {
    }

    private final Statistics statistics;
    private final Texts texts;
    private final AuditLog audit;
    private final ZoneId zone;

    FiguresApi(Statistics statistics, Texts texts, AuditLog audit, OrganisationProperties organisation) {
        this.statistics = statistics;
        this.texts = texts;
        this.audit = audit;
        this.zone = organisation.timeZone();
    }

    private ResponseEntity<?> refused(AppUser user) {
        audit.record(user.id(), "app.refused", null, Map.of("view", "figures"));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "coordinators_only"));
    }

    @GetMapping("/app/api/figures")
    ResponseEntity<?> figures(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user) {
        if (!user.has(Role.COORDINATOR)) {
            return refused(user);
        }
        return ResponseEntity.ok(new Figures(statistics.now(), statistics.trends()));
    }

    @GetMapping("/app/api/figures.xlsx")
    ResponseEntity<?> workbook(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user) {
        if (!user.has(Role.COORDINATOR)) {
            return refused(user);
        }
        List<Sheet> sheets = sheets(statistics.now(), statistics.trends(), user.locale());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(bytes, "Muster", "1.0");
            for (Sheet sheet : sheets) {
                Worksheet ws = workbook.newWorksheet(sheet.name());
                for (int c = 0; c < sheet.columns().size(); c++) {
                    ws.value(0, c, sheet.columns().get(c));
                    ws.style(0, c).bold().set();
                    ws.width(c, c == 0 ? 28 : 16);
                }
                for (int r = 0; r < sheet.rows().size(); r++) {
                    List<Object> row = sheet.rows().get(r);
                    for (int c = 0; c < row.size(); c++) {
                        Object value = row.get(c);
                        if (value instanceof LocalDateTime time) {
                            ws.value(r + 1, c, time);
                            ws.style(r + 1, c).format("yyyy-mm-dd hh:mm").set();
                        } else if (value instanceof java.time.LocalDate day) {
                            ws.value(r + 1, c, day);
                            ws.style(r + 1, c).format("yyyy-mm-dd").set();
                        } else if (value instanceof Percent percent) {
                            ws.value(r + 1, c, percent.value());
                            ws.style(r + 1, c).format("0.0%").set();
                        } else if (value instanceof Number number) {
                            ws.value(r + 1, c, number);
                        } else if (value != null) {
                            // a name is text, never a formula
                            ws.value(r + 1, c, value.toString());
                        }
                    }
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(user.id(), "figures.exported", null, Map.of("format", "xlsx"));
        return download(bytes.toByteArray(), "muster-figures.xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    @GetMapping("/app/api/figures/{sheet}.csv")
    ResponseEntity<?> csv(@RequestAttribute(AppUser.ATTRIBUTE) AppUser user, @PathVariable String sheet) {
        if (!user.has(Role.COORDINATOR)) {
            return refused(user);
        }
        int index = SHEETS.indexOf(sheet);
        if (index < 0) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "sheets are " + String.join(", ", SHEETS)));
        }
        Sheet table = sheets(statistics.now(), statistics.trends(), user.locale()).get(index);
        StringWriter out = new StringWriter();
        out.write(HoursCsv.BOM);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(table.columns().toArray(String[]::new)).get())) {
            for (List<Object> row : table.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object value : row) {
                    cells.add(value instanceof LocalDateTime time ? time.toLocalDate() + " " + time.toLocalTime()
                            : value instanceof java.time.LocalDate day ? day.toString()
                            : value instanceof Percent percent ? String.format(Locale.ROOT, "%.1f%%", percent.value() * 100)
                            : value instanceof Number number ? number.toString() : HoursCsv.safe(value == null ? "" : value.toString()));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(user.id(), "figures.exported", null, Map.of("format", "csv", "sheet", sheet));
        return download(out.toString().getBytes(StandardCharsets.UTF_8), "muster-" + sheet + ".csv",
                MediaType.parseMediaType("text/csv;charset=UTF-8"));
    }

    private static ResponseEntity<byte[]> download(byte[] body, String name, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    /** A rate, shown as a percentage. */
    record Percent(double value) {
    }

    List<Sheet> sheets(Statistics.Snapshot snapshot, Statistics.Trends trends, Locale locale) {
        Function<String, String> text = key -> texts.plain(Txt.of("app.figures." + key), locale);
        boolean english = Languages.code(locale).equals("en");
        List<Sheet> sheets = new ArrayList<>();
        sheets.add(new Sheet(text.apply("sheet.districts"), List.of(text.apply("col.district"), text.apply("col.volunteers")),
                snapshot.byDistrict().stream().<List<Object>>map(c -> List.of(english ? c.nameEn() : c.nameZh(), c.volunteers())).toList()));
        sheets.add(new Sheet(text.apply("sheet.skills"), List.of(text.apply("col.skill"), text.apply("col.volunteers")),
                snapshot.bySkill().stream().<List<Object>>map(c -> List.of(english ? c.nameEn() : c.nameZh(), c.volunteers())).toList()));
        sheets.add(new Sheet(text.apply("sheet.calls"), List.of(text.apply("col.call"), text.apply("col.starts"), text.apply("col.taken"),
                text.apply("col.slots"), text.apply("col.fill")),
                snapshot.calls().stream().<List<Object>>map(c -> List.of(c.title(), LocalDateTime.ofInstant(c.startsAt(), zone), c.taken(),
                        c.slots(), new Percent(c.fillRate()))).toList()));
        sheets.add(new Sheet(text.apply("sheet.teams"), List.of(text.apply("col.team"), text.apply("col.week"), text.apply("col.month")),
                snapshot.hoursByTeam().stream().<List<Object>>map(t -> List.of(t.team() == null ? text.apply("no_team") : t.team(),
                        t.hoursThisWeek(), t.hoursThisMonth())).toList()));
        sheets.add(new Sheet(text.apply("sheet.no_shows"), List.of(text.apply("col.places"), text.apply("col.no_shows"), text.apply("col.rate")),
                List.of(List.of(snapshot.placesOnEndedShifts(), snapshot.noShows(), new Percent(snapshot.noShowRate())))));
        sheets.add(new Sheet(text.apply("sheet.months"), List.of(text.apply("col.month_start"), text.apply("col.team"), text.apply("col.hours")),
                trends.hoursByMonth().stream().<List<Object>>map(m -> List.of(m.month(), m.team() == null ? text.apply("no_team") : m.team(),
                        Math.round(m.minutes() / 6.0) / 10.0)).toList()));
        sheets.add(new Sheet(text.apply("sheet.days"), List.of(text.apply("col.day"), text.apply("col.taken"), text.apply("col.slots"),
                text.apply("col.fill")),
                trends.fillByDay().stream().<List<Object>>map(d -> List.of(d.day(), d.taken(), d.slots(),
                        new Percent(d.slots() == 0 ? 0 : (double) d.taken() / d.slots()))).toList()));
        return sheets;
    }
}
