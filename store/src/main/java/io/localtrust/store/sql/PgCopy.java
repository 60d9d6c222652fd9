package io.localtrust.store.sql;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows into one PostgreSQL table with {@code COPY … FROM STDIN (FORMAT binary)}, through pgjdbc's
 * {@link org.postgresql.copy.CopyManager}: one statement for any number of rows. The server inserts
 * them as a batch (one WAL record per heap page, not per row), with no parameter per value to bind
 * and no VALUES list to plan and evaluate, which a multi-row INSERT still has for every row.
 *
 * <p>The binary format is PostgreSQL's own ("COPY", section "Binary Format"): an 11-byte signature,
 * a 32-bit flags field and a 32-bit header-extension length (both zero); per row a 16-bit field count
 * and, per field, a 32-bit length (-1 for NULL) and the value in the type's binary form; a 16-bit
 * -1 at the end. The values are the same Java types {@link Sql} binds, each written as the column
 * type it binds to: {@code String} as text (UTF-8, pgjdbc's client encoding), {@code Long} as
 * {@code bigint}, {@code Integer} as {@code integer}, {@code byte[]} as {@code bytea}. Nothing is
 * escaped, so no value can be read as anything else. A value of another type is refused before
 * anything is sent; a value the column does not take (an {@code Integer} for a {@code bigint}
 * column) makes the server refuse the whole COPY, which leaves the table as it was.
 *
 * <p>Written here rather than taken from a library: pgjdbc sends COPY data but does not encode
 * rows, and this is the whole encoder for the four types the store writes.
 */
final class PgCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private PgCopy() {
    }

    /** Copies {@code rows} (each one value per column, in column order) into {@code table}. */
    static void copyIn(Connection c, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        byte[] data = encode(columns.size(), rows);
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(statement(table, columns));
        try {
            in.writeToCopy(data, 0, data.length);
            in.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (in.isActive()) { // a failed write: the server aborts the COPY, the caller's savepoint undoes it
                try {
                    in.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    /** The COPY statement; table and column names are the store's own constants, checked all the same. */
    static String statement(String table, List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to copy into " + table);
        }
        requireIdentifier(table);
        columns.forEach(PgCopy::requireIdentifier);
        return "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
    }

    /** The binary COPY data for {@code rows}, each of {@code width} values. */
    static byte[] encode(int width, List<Object[]> rows) {
        if (width < 1 || width > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a row of " + width + " columns");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + 64 * width * rows.size());
        DataOutputStream out = new DataOutputStream(bytes); // big-endian, as the format wants
        try {
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                if (row.length != width) {
                    throw new IllegalArgumentException("row " + r + " has " + row.length + " values for " + width + " columns");
                }
                out.writeShort(width);
                for (Object value : row) {
                    write(out, value);
                }
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** One field: its length (-1 for SQL NULL), then the value in its column type's binary form. */
    private static void write(DataOutputStream out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeInt(-1);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            case Long l -> {
                out.writeInt(Long.BYTES);
                out.writeLong(l);
            }
            case Integer n -> {
                out.writeInt(Integer.BYTES);
                out.writeInt(n);
            }
            case byte[] b -> {
                out.writeInt(b.length);
                out.write(b);
            }
            default -> throw new IllegalArgumentException("cannot copy a " + value.getClass().getSimpleName());
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
    }
}
