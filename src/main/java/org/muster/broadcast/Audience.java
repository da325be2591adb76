package org.muster.broadcast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return matchingArea(subscription, target) != null || bySkill(subscription, target);
    }

    /**
     * The first of the subscription's areas that the target's area reaches: the area itself, one
     * inside it (any depth), or one it lies in (a district's group wants its communities' calls).
     */
    String matchingArea(Subscription subscription, Target target) {
        if (!target.byArea() || target.areaCode() == null) {
            return null;
        }
        return subscription.areaCodes().stream().filter(code -> overlap(code, target.areaCode())).findFirst().orElse(null);
    }

    private static boolean bySkill(Subscription subscription, Target target) {
        return target.bySkills() && !Collections.disjoint(subscription.skillCodes(), target.skills());
    }

    /**
     * The groups a target reaches, counted by why: under {@link Reach#ALL_CALLS} those that take every
     * call (or all, for a target of all groups), under an area code those subscribed to it, under
     * {@link Reach#SKILLS} those reached by a skill only.
     */
    Map<String, Integer> groupsByReason(Target target) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Subscription subscription : teams.activeSubscriptions()) {
            if (!wants(subscription, target)) {
                continue;
            }
            String area = matchingArea(subscription, target);
            String reason = target.allGroups() || subscription.allCalls() ? Reach.ALL_CALLS : area != null ? area : Reach.SKILLS;
            counts.merge(reason, 1, Integer::sum);
        }
        return counts;
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
