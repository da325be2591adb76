package org.muster.reminder;

import java.util.Optional;

import org.muster.conversation.Languages;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /calendar/{token}.ics}: a volunteer's shifts for their phone's calendar to subscribe
 * to. The token is the only key (public, no login, as calendar apps ask); an unknown or replaced
 * one is a 404 that says nothing about whose it was.
 */
@RestController
class CalendarFeedController {

    private static final Logger log = LoggerFactory.getLogger(CalendarFeedController.class);
    private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final CalendarRepository repository;
    private final Volunteers volunteers;
    private final ShiftCalendars calendars;
    private final Languages languages;

    CalendarFeedController(CalendarRepository repository, Volunteers volunteers, ShiftCalendars calendars, Languages languages) {
        this.repository = repository;
        this.volunteers = volunteers;
        this.calendars = calendars;
        this.languages = languages;
    }

    @GetMapping("/calendar/{token:[A-Za-z0-9_-]{16,64}}.ics")
    ResponseEntity<byte[]> feed(@PathVariable String token) {
        Optional<Volunteer> volunteer = repository.volunteerOf(token).flatMap(volunteers::byId);
        if (volunteer.isEmpty()) {
            log.info("calendar feed asked for with a token that opens nothing");
            return ResponseEntity.notFound().build();
        }
        byte[] file = calendars.file(volunteer.get(), languages.forUserId(volunteer.get().userId()));
        return ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noCache()).body(file);
    }
}
