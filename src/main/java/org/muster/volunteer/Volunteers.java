package org.muster.volunteer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.muster.conversation.FlowEngine;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/** What other features may ask about volunteers, and how they send someone into sign-up. */
@Component
public class Volunteers {

    private final VolunteerRepository repository;
    private final FlowEngine engine;
    private final SignupFlow flow;

    Volunteers(VolunteerRepository repository, FlowEngine engine, SignupFlow flow) {
        this.repository = repository;
        this.engine = engine;
        this.flow = flow;
    }

    public Optional<Volunteer> byUser(long userId) {
        return repository.byUser(userId).map(VolunteerRecord::view);
    }

    public Optional<Volunteer> byId(long id) {
        return repository.byId(id).map(VolunteerRecord::view);
    }

    /** By Telegram username (without @), as a group mention names someone. */
    public Optional<Volunteer> byUsername(String username) {
        return repository.byUsername(username.startsWith("@") ? username.substring(1) : username).map(VolunteerRecord::view);
    }

    public List<Volunteer> byIds(Collection<Long> ids) {
        return repository.byIds(ids).stream().map(VolunteerRecord::view).toList();
    }

    /** A volunteer who asked to receive matching calls in their private chat. */
    public record DirectRecipient(long userId, String areaCode, List<String> skills) {
    }

    /** Everyone who asked for matching calls privately and can be reached. */
    public List<DirectRecipient> directRecipients() {
        return repository.directRecipients();
    }

    /** Notes the name Telegram shows for a volunteer (as it can change), for rosters in groups. */
    public void noteDisplayName(long userId, String name) {
        if (name != null && !name.isBlank()) {
            repository.displayName(userId, name);
        }
    }

    /** Their own reminder offsets in minutes; empty or null means the organisation's default. */
    public void reminderOffsets(long userId, List<Integer> offsets) {
        repository.reminderOffsets(userId, offsets == null || offsets.isEmpty() ? null : offsets);
    }

    public boolean isVolunteer(long userId) {
        return repository.isVolunteer(userId);
    }

    /** Which of these Telegram users have signed up. */
    public List<Long> signedUpAmong(Collection<Long> userIds) {
        return repository.usersAmong(userIds);
    }

    /**
     * Starts sign-up in the turn's private chat; when it completes, {@link VolunteerRegistered}
     * carries {@code then} so the feature that sent the user here can finish what they wanted.
     */
    public List<Outbound> startSignup(Turn turn, String then) {
        return continuing(turn, engine, flow).orElseGet(() -> engine.start(turn, flow, flow.begin(turn, then)));
    }

    /** A sign-up already going on in the chat is not restarted by a link pressed again: its question is asked again. */
    static Optional<List<Outbound>> continuing(Turn turn, FlowEngine engine, SignupFlow flow) {
        return engine.reask(turn, flow).map(again -> {
            List<Outbound> out = new ArrayList<>();
            out.add(turn.reply(Txt.of("signup.continue_first")));
            out.addAll(again);
            return out;
        });
    }
}
