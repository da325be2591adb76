package org.muster.telegram;

import java.util.List;
import java.util.Locale;

import org.muster.conversation.CommandCatalog;
import org.muster.conversation.CommandSpec;
import org.muster.conversation.Languages;
import org.muster.conversation.Texts;
import org.muster.conversation.Txt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScope;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllGroupChats;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllPrivateChats;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Publishes the command menu at start-up: the commands open to everyone, per chat kind, in
 * Chinese (the default, for every app language) and in English (for apps set to English).
 */
@Component
class BotCommandsPublisher implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(BotCommandsPublisher.class);

    private final BotConnection connection;
    private final CommandCatalog catalog;
    private final Texts texts;

    BotCommandsPublisher(BotConnection connection, CommandCatalog catalog, Texts texts) {
        this.connection = connection;
        this.catalog = catalog;
        this.texts = texts;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        try {
            publish(new BotCommandScopeAllPrivateChats(), CommandSpec.Place.PRIVATE);
            publish(new BotCommandScopeAllGroupChats(), CommandSpec.Place.GROUP);
        } catch (TelegramApiException e) {
            log.warn("setMyCommands failed; the command menu may be out of date: {}", e.getMessage());
        }
    }

    private void publish(BotCommandScope scope, CommandSpec.Place place) throws TelegramApiException {
        List<CommandSpec> specs = catalog.publicMenu(place);
        connection.client().execute(SetMyCommands.builder().commands(commands(specs, Languages.CHINESE)).scope(scope).build());
        connection.client().execute(SetMyCommands.builder().commands(commands(specs, Languages.ENGLISH)).scope(scope)
                .languageCode("en").build());
    }

    private List<BotCommand> commands(List<CommandSpec> specs, Locale locale) {
        return specs.stream()
                .map(spec -> new BotCommand(spec.name(), texts.plain(Txt.of(spec.descriptionKey()), locale)))
                .toList();
    }
}
