package org.muster.app;

import java.util.Locale;
import java.util.Set;

import org.muster.conversation.Role;

/**
 * Who is calling the console's API: the user the call's signed {@code initData} names, with the
 * roles they hold at this call (read from PostgreSQL for every call, as in chat).
 */
public record AppUser(long id, String firstName, Locale locale, Set<Role> roles) {

    /** The request attribute the authentication puts it in. */
    public static final String ATTRIBUTE = "org.muster.app.user";

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
