package io.localtrust.store.sql;

import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The checks and file operations around {@code DIR/gateway.db} that happen before SQLite writes
 * anything: {@link #checkExisting} looks at an existing file read-only (so a file that is not
 * our store is left exactly as it was), {@link #createEmpty} makes a new one atomically.
 */
final class SqliteFile {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFile() {
    }

    static StoreException missing(Path file) {
        return new StoreException(Kind.CORRUPT, "no gateway store at " + file + ": run `localtrust gateway init` first");
    }

    /** Refuses anything but an existing SQLite database holding a localtrust store; writes nothing. */
    static void checkExisting(Path file) throws StoreException {
        if (!Files.exists(file)) {
            throw missing(file);
        }
        if (!Files.isRegularFile(file)) {
            throw new StoreException(Kind.CORRUPT, file + " is not a file: not a localtrust gateway store");
        }
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(MAGIC.length);
        } catch (IOException e) {
            throw new StoreException(Kind.UNAVAILABLE, "cannot read " + file + ": " + reason(e), e);
        }
        if (header.length == 0) {
            throw new StoreException(Kind.CORRUPT, file + " is empty: not a localtrust gateway store");
        }
        if (!Arrays.equals(header, MAGIC)) {
            throw new StoreException(Kind.CORRUPT, file + " is not a SQLite database: not a localtrust gateway store");
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        SQLiteDataSource ds = new SQLiteDataSource(readOnly);
        ds.setUrl("jdbc:sqlite:" + file);
        try (Connection c = ds.getConnection()) {
            long tables = Sql.count(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                    + "AND name IN ('store_meta', 'flyway_schema_history')");
            boolean ours = tables == 2 && Sql.one(c, "SELECT kind FROM store_meta WHERE id = 1", rs -> rs.getString(1))
                    .filter(Migrations.KIND::equals).isPresent();
            if (!ours) {
                throw new StoreException(Kind.CORRUPT, file + " is a SQLite database but not a localtrust gateway store");
            }
        } catch (SQLException e) {
            if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
                throw new StoreException(Kind.CORRUPT, file + " is not a SQLite database: not a localtrust gateway store", e);
            }
            throw SqliteDialect.translate(e, file);
        }
    }

    /** Creates the directory if needed and an empty {@code gateway.db}, owner-only; fails if one exists. */
    static void createEmpty(Path file) throws StoreException {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException(Kind.UNAVAILABLE, "cannot create directory " + file.getParent() + ": " + reason(e), e);
        }
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(Kind.CONFLICT,
                    "a gateway store already exists at " + file + ": refusing to overwrite it", e);
        } catch (IOException e) {
            throw new StoreException(Kind.UNAVAILABLE, reason(e).equals("No space left on device")
                    ? "disk full writing " + file : "cannot create " + file + ": " + reason(e), e);
        }
    }

    /** Removes a store that failed to come into being, with its WAL and shared-memory files. */
    static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException ignored) {
                // best effort: the error being reported is the one that matters
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
