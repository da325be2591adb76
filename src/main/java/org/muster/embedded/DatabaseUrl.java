package org.muster.embedded;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Accepts the {@code postgres://user:password@host:port/db} form that hosting platforms hand out
 * as well as a JDBC URL, so an operator can paste whichever they have.
 */
record DatabaseUrl(String url, Optional<String> username, Optional<String> password) {

    static Optional<DatabaseUrl> toJdbc(String given) {
        String value = given.trim();
        if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
            return Optional.empty();
        }
        URI uri = URI.create(value);
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0]));
            if (parts.length == 2) {
                password = Optional.of(decode(parts[1]));
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        return Optional.of(new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, user, password));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
