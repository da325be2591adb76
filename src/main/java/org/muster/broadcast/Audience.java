package org.muster.broadcast;

import java.util.Collections;
import java.util.List;

import org.muster.catalog.Catalog;
import org.muster.team.Subscription;
import org.muster.team.Teams;
import org.muster.volunteer.Volunteers;
import org.springframework.stereotype.Component;

/** Who a {@link Target} reaches, resolved once when a broadcast is published. */
@Component
class Audience {

    private final Teams teams;
    private final Volunteers volunteers;
    private final Catalog catalog;

    Audience(Teams teams, Volunteers volunteers, Catalog catalog) {
        this.teams = teams;
        this.volunteers = volunteers;
        this.catalog = catalog;
    }

    List<Long> groups(Target target) {
        return teams.activeSubscriptions().stream().filter(s -> wants(s, target)).map(Subscription::chatId).toList();
    }

    boolean wants(Subscription subscription, Target target) {
        if (target.allGroups() || subscription.allCalls()) {
            return true;
        }
        boolean area = target.byArea() && target.areaCode() != null
                && subscription.areaCodes().stream().anyMatch(code -> catalog.within(target.areaCode(), code));
        boolean skill = target.bySkills() && !Collections.disjoint(subscription.skillCodes(), target.skills());
        return area || skill;
    }

    List<Long> volunteers(Target target) {
        if (!target.direct()) {
            return List.of();
        }
        return volunteers.directRecipients().stream()
                .filter(v -> target.areaCode() == null || overlap(v.areaCode(), target.areaCode()))
                .filter(v -> v.skills().containsAll(target.skills()))
                .map(Volunteers.DirectRecipient::userId)
                .toList();
    }

    /** A volunteer of a community matches a call for its street, and one of a street a call in one of its communities. */
    private boolean overlap(String volunteerArea, String callArea) {
        return volunteerArea != null && (catalog.within(volunteerArea, callArea) || catalog.within(callArea, volunteerArea));
    }
}
