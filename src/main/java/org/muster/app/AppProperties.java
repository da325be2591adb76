package org.muster.app;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The coordination console (a Telegram Mini App at {@code /app/}).
 *
 * @param maxAge how old a Mini App's signed {@code initData} may be; older, its calls get 401 and the
 *               app asks to be opened again from the bot
 * @param url    the console's public HTTPS address as Telegram's client opens it, e.g.
 *               {@code https://muster.example.org/app/}; empty: derived from the server's own address in
 *               sandbox mode, and no Mini App buttons with a real token (Telegram opens only HTTPS)
 * @param refresh how often the console asks for news (the calls board, a roster)
 */
@ConfigurationProperties("muster.app")
record AppProperties(@DefaultValue("1h") Duration maxAge, @DefaultValue("") String url, @DefaultValue("1s") Duration refresh) {
}
