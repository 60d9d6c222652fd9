package io.localtrust.acme;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of an account's orders continues: after the order made at {@code createdAt} with
 * {@code id}. Sent to the client as an opaque {@code cursor} query parameter (base64url of
 * "millis.id"); a client that edits it gets only what its own account may see anyway.
 */
record OrderCursor(Instant createdAt, String id) {

    String text() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt.toEpochMilli() + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor of a request's query ("cursor=…"); empty for no query.
     *
     * @throws AcmeProblem {@code malformed} for any other query, or a cursor this server did not make
     */
    static Optional<OrderCursor> fromQuery(String query) throws AcmeProblem {
        if (query.isEmpty()) {
            return Optional.empty();
        }
        if (!query.startsWith("cursor=")) {
            throw AcmeProblem.malformed("the orders list takes only a 'cursor' parameter, from its 'next' link");
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(query.substring("cursor=".length())), StandardCharsets.US_ASCII);
            int dot = text.indexOf('.');
            String id = text.substring(dot + 1);
            if (dot < 1 || id.isEmpty() || !id.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException();
            }
            return Optional.of(new OrderCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, dot))), id));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw AcmeProblem.malformed("'cursor' is not one this server gave out: follow the 'next' link as it is");
        }
    }
}
