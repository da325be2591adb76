package org.muster.team;

/** A volunteer team, usually serving one street, town or community. */
public record Team(long id, String name, String areaCode, String joinCode) {
}
