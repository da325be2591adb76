package org.muster.hours;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.muster.audit.AuditLog;
import org.muster.conversation.EffectHandler;
import org.muster.conversation.Outbound;
import org.muster.conversation.Role;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** Builds the export and sends both files to the coordinator's private chat; an export of personal data is audited. */
@Component
class ExportHoursHandler implements EffectHandler<ExportHours> {

    private final HoursExports exports;
    private final AuditLog audit;

    ExportHoursHandler(HoursExports exports, AuditLog audit) {
        this.exports = exports;
        this.audit = audit;
    }

    @Override
    public Set<Role> requiredRoles() {
        return Set.of(Role.COORDINATOR);
    }

    @Override
    public Class<ExportHours> type() {
        return ExportHours.class;
    }

    @Override
    public List<Outbound> apply(ExportHours effect, Turn turn) {
        HoursExports.Scope scope = new HoursExports.Scope(effect.from(), effect.to(), effect.teamId(), effect.areaCode());
        HoursExports.Files files = exports.export(scope, turn.locale());
        audit.record(turn.userId(), "hours.exported", turn.chatId(), Map.of("from", effect.from().toString(), "to", effect.to().toString(),
                "team", effect.teamId() == null ? "all" : effect.teamId().toString(),
                "area", effect.areaCode() == null ? "all" : effect.areaCode(), "rows", files.rows()));
        if (files.rows() == 0) {
            return List.of(turn.reply(Txt.of("export.empty")));
        }
        return List.of(
                new Outbound.Document(turn.chatId(), files.recordsName(), files.records(),
                        Txt.of("export.records_caption", files.rows(), files.volunteers(), Durations.of(files.minutes())), turn.locale()),
                new Outbound.Document(turn.chatId(), files.totalsName(), files.totals(), Txt.of("export.totals_caption", files.volunteers()),
                        turn.locale()));
    }
}
