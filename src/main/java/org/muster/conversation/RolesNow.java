package org.muster.conversation;

import java.util.Set;

/** The roles a user holds now, asked of the database at the moment of the call (never remembered). */
@FunctionalInterface
public interface RolesNow {

    Set<Role> of(long userId);
}
