package org.muster.checkin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.muster.conversation.ChatSender;
import org.muster.conversation.Languages;
import org.muster.conversation.Outbound;
import org.muster.conversation.Txt;
import org.muster.recruitment.Call;
import org.muster.recruitment.Calls;
import org.muster.team.TeamMember;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteer;
import org.muster.volunteer.Volunteers;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * After a shift: members still checked in are checked out at its end, and those never checked in
 * are marked no-show a while later. The team's leaders are told privately, by name. Any number of
 * instances may sweep at once: check-outs and no-show marks are conditional updates, and only the
 * instance whose update changed the rows tells the leaders.
 */
@Component
class AttendanceSweeper {

    private final Attendance attendance;
    private final Calls calls;
    private final Teams teams;
    private final Volunteers volunteers;
    private final ChatSender sender;
    private final Languages languages;
    private final CheckinProperties properties;
    private final Clock clock;

    AttendanceSweeper(Attendance attendance, Calls calls, Teams teams, Volunteers volunteers, ChatSender sender, Languages languages,
                      CheckinProperties properties, Clock clock) {
        this.attendance = attendance;
        this.calls = calls;
        this.teams = teams;
        this.volunteers = volunteers;
        this.sender = sender;
        this.languages = languages;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${muster.checkin.sweep-interval:1m}")
    void sweep() {
        List<AttendanceRecord> checkedOut = attendance.checkOutAtEnd();
        checkedOut.stream().collect(Collectors.groupingBy(AttendanceRecord::activityId)).forEach((activity, records) ->
                calls.call(activity).ifPresent(call -> {
                    List<Volunteer> people = volunteers.byIds(records.stream().map(AttendanceRecord::volunteerId).toList());
                    tellLeaders(call, "checkin.auto_out", people.size(),
                            Txt.join(people.stream().map(v -> Txt.literal(v.realName() == null ? v.publicId() : v.realName())).toList()));
                }));
        var now = clock.instant();
        for (Call call : calls.endedBetween(now.minus(properties.noShowAfter()).minus(Duration.ofDays(2)), now.minus(properties.noShowAfter()))) {
            int noShows = calls.markNoShows(call.id());
            if (noShows > 0) {
                tellLeaders(call, "checkin.no_shows", noShows, Txt.literal(""));
            }
        }
    }

    /** Privately, so names may appear. */
    private void tellLeaders(Call call, String key, int count, Txt names) {
        if (call.teamId() == null) {
            return;
        }
        List<Long> leaders = teams.members(call.teamId()).stream().filter(TeamMember::leader).map(TeamMember::volunteerId).toList();
        Map<Long, Volunteer> byId = volunteers.byIds(leaders).stream().collect(Collectors.toMap(Volunteer::id, v -> v));
        for (Volunteer leader : byId.values()) {
            sender.send(new Outbound.Send(leader.userId(), Txt.of(key, Txt.literal(call.title()), calls.when(call), count, names),
                    null, null, languages.forUserId(leader.userId())));
        }
    }
}
