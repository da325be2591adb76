package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The export files read back with the same library. No Spring. */
class HoursCsvTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static List<CSVRecord> parse(byte[] csv) throws IOException {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith(HoursCsv.BOM);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
    }

    private static ExportRepository.Row row(long id, String volunteer, String name, String team, int minutes) {
        return new ExportRepository.Row(id, volunteer, name, team, "核酸检测点早班", LocalDate.of(2026, 11, 30), minutes, "attendance", "王队长",
                OffsetDateTime.parse("2026-11-30T04:05:00Z"));
    }

    @Test
    void aNameWithACommaAQuoteAndANewlineSurvivesAndChineseStaysChinese() throws IOException {
        String awkward = "张, \"小\"\n明";
        byte[] csv = HoursCsv.records(List.of(row(1, "V0001", awkward, "百家湖队", 150), row(2, "V0002", "李华", null, 60)),
                column -> column, source -> "签到", SHANGHAI);

        List<CSVRecord> records = parse(csv);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("name")).isEqualTo(awkward);
        assertThat(records.get(0).get("team")).isEqualTo("百家湖队");
        assertThat(records.get(0).get("minutes")).isEqualTo("150");
        assertThat(records.get(0).get("hours")).isEqualTo("2.50");
        assertThat(records.get(0).get("approved_at")).isEqualTo("2026-11-30 12:05");
        assertThat(records.get(1).get("team")).isEmpty();
        assertThat(records.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(HoursCsv.RECORD_COLUMNS);
    }

    @Test
    void aForgottenVolunteerIsOnlyTheirNumber() throws IOException {
        List<CSVRecord> records = parse(HoursCsv.records(List.of(row(3, "V0003", null, "百家湖队", 60)), c -> c, s -> s, SHANGHAI));

        assertThat(records.get(0).get("volunteer")).isEqualTo("V0003");
        assertThat(records.get(0).get("name")).isEmpty();
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaStaysText() throws IOException {
        List<CSVRecord> records = parse(HoursCsv.records(List.of(row(4, "V0004", "=HYPERLINK(\"http://x\")", "+team", 60)),
                c -> c, s -> s, SHANGHAI));

        assertThat(records.get(0).get("name")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(records.get(0).get("team")).isEqualTo("'+team");
    }

    @Test
    void totalsAddUpPerVolunteerLargestFirst() throws IOException {
        byte[] csv = HoursCsv.totals(List.of(row(1, "V0001", "张三", "A队", 60), row(2, "V0002", "李四", "B队", 300),
                row(3, "V0001", "张三", "C队", 90)), c -> c);

        List<CSVRecord> records = parse(csv);
        assertThat(records).extracting(r -> r.get("volunteer")).containsExactly("V0002", "V0001");
        assertThat(records.get(1).get("records")).isEqualTo("2");
        assertThat(records.get(1).get("minutes")).isEqualTo("150");
        assertThat(records.get(1).get("team")).isEqualTo("A队 / C队");
    }
}
