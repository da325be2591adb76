package org.muster.hours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.muster.catalog.Area;
import org.muster.catalog.Catalog;
import org.muster.conversation.OrganisationProperties;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** Approved hours for a period and scope, as the two CSV files; shared by /export and the HTTP API. */
@Component
class HoursExports {

    /** @param teamId null for every team; @param areaCode null for every area (an area includes those below it) */
    record Scope(LocalDate from, LocalDate to, Long teamId, String areaCode) {

        String fileStem() {
            return "muster-hours-" + from + "_" + to + (teamId == null ? "" : "-team" + teamId)
                    + (areaCode == null ? "" : "-" + areaCode.replaceAll("[^A-Za-z0-9_.-]", "_"));
        }
    }

    record Files(String recordsName, byte[] records, String totalsName, byte[] totals, int rows, int volunteers, int minutes) {
    }

    private final ExportRepository repository;
    private final Catalog catalog;
    private final Texts texts;
    private final ZoneId zone;

    HoursExports(ExportRepository repository, Catalog catalog, Texts texts, OrganisationProperties organisation) {
        this.repository = repository;
        this.catalog = catalog;
        this.texts = texts;
        this.zone = organisation.timeZone();
    }

    Files export(Scope scope, Locale locale) {
        List<ExportRepository.Row> rows = repository.approved(scope.from(), scope.to(), scope.teamId(),
                scope.areaCode() == null ? null : within(scope.areaCode()));
        byte[] records = HoursCsv.records(rows, column -> texts.plain(Txt.of("export.col." + column), locale),
                source -> texts.plain(Txt.of("export.source." + source), locale), zone);
        byte[] totals = HoursCsv.totals(rows, column -> texts.plain(Txt.of("export.col." + column), locale));
        return new Files(scope.fileStem() + ".csv", records, scope.fileStem() + "-totals.csv", totals, rows.size(),
                (int) rows.stream().map(ExportRepository.Row::volunteer).distinct().count(),
                rows.stream().mapToInt(ExportRepository.Row::minutes).sum());
    }

    /** The area and every area below it. */
    List<String> within(String code) {
        List<String> all = new ArrayList<>();
        all.add(code);
        for (int i = 0; i < all.size(); i++) {
            catalog.children(all.get(i)).stream().map(Area::code).forEach(all::add);
        }
        return all;
    }
}
