package org.muster.team;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/** Join codes people can read aloud and type: six characters without 0/O or 1/I. */
@Component
class JoinCodes {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final TeamRepository teams;

    JoinCodes(TeamRepository teams) {
        this.teams = teams;
    }

    String next() {
        while (true) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            if (!teams.codeTaken(code.toString())) {
                return code.toString();
            }
        }
    }

    static boolean looksLikeACode(String text) {
        return text != null && text.strip().toUpperCase(java.util.Locale.ROOT).matches("[2-9A-HJ-NP-Z]{6}");
    }
}
