package org.muster.hours;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.muster.catalog.Catalog;
import org.muster.conversation.Languages;
import org.muster.conversation.OrganisationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures for an organisation's own tools: {@code GET /api/stats} (JSON) and
 * {@code GET /api/hours.csv?from=&to=&team=&area=&totals=&lang=}, behind
 * {@code Authorization: Bearer <muster.api.token>}. Without a configured token every call is refused.
 */
@RestController
class HoursApiController {

    private static final Logger log = LoggerFactory.getLogger(HoursApiController.class);
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final int MAX_DAYS = 366;

    private final ApiProperties properties;
    private final Statistics statistics;
    private final HoursExports exports;
    private final Catalog catalog;
    private final Clock clock;
    private final ZoneId zone;

    HoursApiController(ApiProperties properties, Statistics statistics, HoursExports exports, Catalog catalog, Clock clock,
                       OrganisationProperties organisation) {
        this.properties = properties;
        this.statistics = statistics;
        this.exports = exports;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = organisation.timeZone();
    }

    @GetMapping(value = "/api/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> stats(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorized(authorization)) {
            return unauthorized();
        }
        return ResponseEntity.ok(statistics.now());
    }

    @GetMapping("/api/hours.csv")
    ResponseEntity<?> hours(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String team, @RequestParam(required = false) String area,
                            @RequestParam(defaultValue = "false") String totals, @RequestParam(defaultValue = "zh") String lang) {
        if (!authorized(authorization)) {
            return unauthorized();
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate start;
        LocalDate end;
        Long teamId;
        try {
            start = from == null || from.isBlank() ? today.withDayOfMonth(1) : date(from);
            end = to == null || to.isBlank() ? today : date(to);
        } catch (DateTimeException e) {
            return badRequest("from and to are dates written as 2026-11-30, years 2000 to 2999");
        }
        if (start.isAfter(end)) {
            return badRequest("from must not be after to");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            return badRequest("at most " + MAX_DAYS + " days at once");
        }
        try {
            teamId = team == null || team.isBlank() ? null : Long.valueOf(team.strip());
        } catch (NumberFormatException e) {
            return badRequest("team is a team number");
        }
        if (area != null && !area.isBlank() && !catalog.hasArea(area.strip())) {
            return badRequest("there is no area " + area.strip());
        }
        if (!totals.equals("true") && !totals.equals("false")) {
            return badRequest("totals is true or false");
        }
        var locale = Languages.fromCode(lang).orElse(null);
        if (locale == null) {
            return badRequest("lang is zh or en");
        }
        HoursExports.Files files = exports.export(new HoursExports.Scope(start, end, teamId,
                area == null || area.isBlank() ? null : area.strip()), locale);
        boolean wantTotals = totals.equals("true");
        log.info("hours export over the API: {} to {}, {} records", start, end, files.rows());
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + (wantTotals ? files.totalsName() : files.recordsName()) + "\"")
                .body(wantTotals ? files.totals() : files.records());
    }

    /** A calendar date as yyyy-mm-dd, in years that can hold service hours (ISO would take +999999999-12-01). */
    private static LocalDate date(String given) {
        String value = given.strip();
        if (!value.matches("2\\d{3}-\\d{2}-\\d{2}")) {
            throw new DateTimeException("not a date of the form 2026-11-30");
        }
        return LocalDate.parse(value);
    }

    /** Constant-time, so the token cannot be guessed byte by byte from response times. */
    private boolean authorized(String authorization) {
        if (!properties.enabled() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, properties.token().getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<?> unauthorized() {
        log.info("API call refused: missing or wrong token{}", properties.enabled() ? "" : " (muster.api.token is not set)");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"muster\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", properties.enabled() ? "a valid 'Authorization: Bearer <token>' header is required"
                        : "the API is off: set muster.api.token (MUSTER_API_TOKEN)"));
    }

    private static ResponseEntity<?> badRequest(String why) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("error", why));
    }
}
