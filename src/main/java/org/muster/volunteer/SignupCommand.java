package org.muster.volunteer;

import java.util.List;

import org.muster.conversation.BotProfile;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.DeepLinkHandler;
import org.muster.conversation.FlowEngine;
import org.muster.conversation.Markup;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.muster.conversation.Txt;
import org.springframework.stereotype.Component;

/**
 * {@code /signup} (报名). In the private chat it starts sign-up, or, for someone already signed
 * up, the review of their record. In a group it answers with a button into the private chat
 * ({@code /start signup}), so that nobody types a phone number where the group can read it.
 */
@Component
class SignupCommand implements CommandHandler, DeepLinkHandler {

    static final String DEEP_LINK = "signup";

    private final FlowEngine engine;
    private final SignupFlow flow;
    private final VolunteerRepository repository;
    private final BotProfile bot;

    SignupCommand(FlowEngine engine, SignupFlow flow, VolunteerRepository repository, BotProfile bot) {
        this.engine = engine;
        this.flow = flow;
        this.repository = repository;
        this.bot = bot;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.anyone("signup", CommandSpec.Place.ANY);
    }

    @Override
    public List<Outbound> handle(Turn turn, CommandCall call) {
        if (!turn.isPrivate()) {
            Markup.Inline open = Markup.Inline.of(List.of(Markup.Button.link(Txt.of("signup.open_private"), bot.deepLink(DEEP_LINK))));
            return List.of(turn.reply(Txt.of("signup.in_private"), open));
        }
        return start(turn);
    }

    @Override
    public String prefix() {
        return DEEP_LINK;
    }

    @Override
    public List<Outbound> handle(Turn turn, String payload) {
        // the link pressed again in the middle of a sign-up goes on with it
        return Volunteers.continuing(turn, engine, flow).orElseGet(() -> start(turn));
    }

    private List<Outbound> start(Turn turn) {
        return repository.byUser(turn.userId())
                .map(record -> engine.start(turn, flow, flow.review(turn, record.draft())))
                .orElseGet(() -> engine.start(turn, flow, flow.begin(turn, "")));
    }
}
