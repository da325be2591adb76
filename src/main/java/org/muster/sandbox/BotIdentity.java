package org.muster.sandbox;

/** Who the emulated bot is: what {@code getMe} answers and what the token must be. */
record BotIdentity(long id, String token, String username, String firstName) {

    static final String USERNAME = "muster_sandbox_bot";
    static final String FIRST_NAME = "Muster";

    boolean isBot(long userId) {
        return userId == id;
    }
}
