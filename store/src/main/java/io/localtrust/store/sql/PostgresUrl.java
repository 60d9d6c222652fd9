package io.localtrust.store.sql;

import java.util.Locale;
import java.util.Optional;

/**
 * A {@code jdbc:postgresql://host[:port]/database[?params]} URL, split just enough to name the
 * store without its credentials and to know whether it carries a user and a password.
 *
 * @param url         the URL as given (may hold a password: never print it)
 * @param description "PostgreSQL //host:port/database"
 * @param hasUser     whether a {@code user} parameter is present
 * @param hasPassword whether a {@code password} parameter is present
 */
record PostgresUrl(String url, String description, boolean hasUser, boolean hasPassword) {
    private static final String PREFIX = "jdbc:postgresql:";

    @Override
    public String toString() {
        return description;
    }

    static Optional<PostgresUrl> parse(String url) {
        if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String rest = url.substring(PREFIX.length());
        int q = rest.indexOf('?');
        String location = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        if (!location.startsWith("//")) {
            return Optional.empty();
        }
        int slash = location.indexOf('/', 2);
        String hosts = slash < 0 ? location.substring(2) : location.substring(2, slash);
        String database = slash < 0 ? "" : location.substring(slash + 1);
        hosts = hosts.substring(hosts.lastIndexOf('@') + 1); // never show user:password@ even if someone wrote it
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        if (!hosts.contains(",") && !hosts.matches(".*:\\d+")) {
            hosts = hosts + ":5432";
        }
        boolean user = false;
        boolean password = false;
        for (String param : query.split("&")) {
            String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            user |= name.equals("user");
            password |= name.equals("password");
        }
        return Optional.of(new PostgresUrl(url, "PostgreSQL //" + hosts + "/" + database, user, password));
    }
}
