package org.muster.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.muster.conversation.BotRemovedFromChat;
import org.muster.conversation.ButtonHandler;
import org.muster.conversation.ChatMoved;
import org.muster.conversation.CommandCall;
import org.muster.conversation.CommandHandler;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Inbound;
import org.muster.conversation.Outbound;
import org.muster.conversation.Turn;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** Test-only parts: a command that always fails, and a recorder of the sender's events. */
@TestConfiguration(proxyBeanMethods = false)
public class EndToEndConfiguration {

    /** The Telegram user id configured as coordinator in end-to-end tests; create the sandbox user with it. */
    public static final long COORDINATOR = 9_100_000_001L;
    /** The statistics and export API's token in tests. */
    public static final String API_TOKEN = "test-api-token-7f3a";

    @Bean
    CommandHandler failingCommand() {
        return new CommandHandler() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec("boom", java.util.Set.of(), CommandSpec.Place.ANY, false);
            }

            @Override
            public List<Outbound> handle(Turn turn, CommandCall call) {
                throw new IllegalStateException("a handler bug, on purpose");
            }
        };
    }

    /** As when a class is missing from the shipped jar: an Error, not an exception. */
    @Bean
    CommandHandler failingWithAnErrorCommand() {
        return new CommandHandler() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec("boomerror", java.util.Set.of(), CommandSpec.Place.ANY, false);
            }

            @Override
            public List<Outbound> handle(Turn turn, CommandCall call) {
                throw new NoClassDefFoundError("org/apache/commons/codec/binary/Base64OutputStream (on purpose)");
            }
        };
    }

    /** A button whose handler fails with an Error: the press must still be answered. */
    @Bean
    ButtonHandler failingWithAnErrorButton() {
        return new ButtonHandler() {
            @Override
            public String prefix() {
                return "boom";
            }

            @Override
            public List<Outbound> handle(Turn turn, Inbound.Button button) {
                throw new NoClassDefFoundError("org/apache/commons/codec/binary/Base64OutputStream (on purpose)");
            }
        };
    }

    @Bean
    RecordedEvents recordedEvents() {
        return new RecordedEvents();
    }

    /** What the sender published, for assertions. */
    public static class RecordedEvents {
        public final List<BotRemovedFromChat> removed = new CopyOnWriteArrayList<>();
        public final List<ChatMoved> moved = new CopyOnWriteArrayList<>();

        @EventListener
        void on(BotRemovedFromChat event) {
            removed.add(event);
        }

        @EventListener
        void on(ChatMoved event) {
            moved.add(event);
        }
    }
}
