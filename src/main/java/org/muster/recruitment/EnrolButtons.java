package org.muster.recruitment;

import java.util.ArrayList;
import java.util.List;

import org.muster.catalog.Catalog;
import org.muster.conversation.BotProfile;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * The buttons of enrolment: "I'll go" under a call ({@code enrol:<call>}), "leave" ({@code leave:<call>}),
 * and the answer to an offered place ({@code offer:<enrolment>:yes|no}). The data is checked
 * against the database on every press: a forged or stale button enrols nobody.
 */
@Component
class EnrolButtons implements ButtonHandler {

    private final Enrolments enrolments;
    private final BotProfile bot;
    private final Catalog catalog;

    EnrolButtons(Enrolments enrolments, BotProfile bot, Catalog catalog) {
        this.enrolments = enrolments;
        this.bot = bot;
        this.catalog = catalog;
    }

    @Override
    public String prefix() {
        return "enrol";
    }

    @Override
    public List<Outbound> handle(Turn turn, Inbound.Button button) {
        long activity;
        try {
            activity = Long.parseLong(button.data().substring("enrol:".length()));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return List.of(turn.toast(Txt.of("error.button_expired")));
        }
        return answer(turn, activity, enrolments.enrol(turn.userId(), activity, turn.inbound().updateId()));
    }

    /** The toast and the private confirmation for an enrolment attempt (also used by replies in groups). */
    List<Outbound> answer(Turn turn, long activity, Enrolments.Result result) {
        List<Outbound> out = new ArrayList<>();
        switch (result.outcome()) {
            case NOT_SIGNED_UP -> out.add(new Outbound.Toast(callback(turn), Txt.of("enrol.toast_signup_first"), true, turn.locale(),
                    bot.deepLink(CallDeepLink.PREFIX + activity)));
            case CONFIRMED -> {
                out.add(turn.toast(Txt.of("enrol.toast_confirmed")));
                out.add(enrolments.confirmation(turn.userId(), result, turn.locale()));
            }
            case WAITLISTED -> {
                out.add(turn.toast(Txt.of("enrol.toast_waitlisted", result.waitlistPlace())));
                out.add(enrolments.confirmation(turn.userId(), result, turn.locale()));
            }
            case ALREADY_CONFIRMED -> out.add(turn.toast(Txt.of("enrol.toast_already")));
            case ALREADY_WAITLISTED -> out.add(turn.toast(Txt.of("enrol.toast_already_waitlisted", result.waitlistPlace())));
            case ALREADY_OFFERED -> out.add(turn.toast(Txt.of("enrol.toast_already_offered")));
            case MISSING_SKILLS -> out.add(turn.toast(Txt.of("enrol.toast_missing_skills",
                    Txt.join(result.missingSkills().stream().map(s -> Txt.literal(catalog.skillName(s, turn.locale()))).toList()))));
            case OVERLAP -> out.add(turn.toast(Txt.of("enrol.toast_overlap")));
            case CLOSED -> out.add(turn.toast(Txt.of("enrol.toast_closed")));
            case CANCELLED -> out.add(turn.toast(Txt.of("enrol.toast_cancelled")));
            case STARTED -> out.add(turn.toast(Txt.of("enrol.toast_started")));
            default -> out.add(turn.toast(Txt.of("error.button_expired")));
        }
        return out;
    }

    private static String callback(Turn turn) {
        return ((Inbound.Button) turn.inbound()).callbackId();
    }

    /**
     * {@code leave:<call>} on an enrolment card, {@code leave:<call>:list|leave:<page>} on a page of
     * /myshifts or /leave: the list is drawn again as it is now; a card is redrawn by {@link EnrolmentCards}.
     */
    @Component
    static class Leave implements ButtonHandler {
        private final Enrolments enrolments;
        private final MyShiftsCommand shifts;

        Leave(Enrolments enrolments, MyShiftsCommand shifts) {
            this.enrolments = enrolments;
            this.shifts = shifts;
        }

        @Override
        public String prefix() {
            return "leave";
        }

        @Override
        public List<Outbound> handle(Turn turn, Inbound.Button button) {
            var activity = button.number(1);
            if (activity.isEmpty()) {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
            String list = button.part(2);
            var page = button.number(3);
            boolean fromList = (list.equals("list") || list.equals("leave")) && page.isPresent() && turn.isPrivate();
            Enrolments.Result result = enrolments.leave(turn.userId(), activity.getAsLong());
            if (result.outcome() != Enrolments.Outcome.LEFT) {
                return List.of(turn.toast(Txt.of("enrol.toast_not_enrolled")));
            }
            Outbound pressed = fromList
                    ? shifts.page(turn, list.equals("leave"), (int) page.getAsLong(), button.messageId())
                    : new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
            return List.of(turn.toast(Txt.of("enrol.toast_left")), pressed,
                    new Outbound.Send(turn.userId(), Txt.of("enrol.left", Txt.literal(result.call().title())), null, null, turn.locale()));
        }
    }

    @Component
    static class Offer implements ButtonHandler {
        private final Enrolments enrolments;

        Offer(Enrolments enrolments) {
            this.enrolments = enrolments;
        }

        @Override
        public String prefix() {
            return "offer";
        }

        @Override
        public List<Outbound> handle(Turn turn, Inbound.Button button) {
            String[] parts = button.data().split(":");
            long enrollment;
            try {
                enrollment = Long.parseLong(parts[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                return List.of(turn.toast(Txt.of("error.button_expired")));
            }
            boolean accept = parts.length > 2 && parts[2].equals("yes");
            Enrolments.Result result = enrolments.answerOffer(turn.userId(), enrollment, accept);
            Outbound clear = new Outbound.EditButtons(turn.chatId(), button.messageId(), null, turn.locale());
            return switch (result.outcome()) {
                case ACCEPTED -> List.of(turn.toast(Txt.of("enrol.toast_confirmed")), clear,
                        turn.reply(Txt.of("enrol.offer_taken", Txt.literal(result.call().title()))));
                case DECLINED -> List.of(clear, turn.reply(Txt.of("enrol.offer_declined")));
                case OFFER_EXPIRED -> List.of(clear, turn.reply(Txt.of("enrol.offer_too_late")));
                default -> List.of(turn.toast(Txt.of("error.button_expired")));
            };
        }
    }
}
