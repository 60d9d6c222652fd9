package io.localtrust.ladder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trust-on-first-use pins in one text file, like SSH's known_hosts: one line per endpoint,
 * {@code host:port spki-sha256 first-seen last-seen} (instants in ISO-8601 UTC), {@code #} comments.
 *
 * <p>The file is re-read for every operation, so several processes (probes) see each other's pins,
 * and replaced atomically (a temporary file in the same directory, forced to disk, then renamed
 * over it) with owner-only permissions (0600). A pin is never replaced by another key: a changed
 * key is reported ({@link Check.Changed}) and the pin stays until {@link #forget} removes it — the
 * user's deliberate act, as {@code ssh-keygen -R} is.
 */
public final class PinStore {
    /** What the store says about a key presented at an endpoint. */
    public sealed interface Check {
        /** No pin for this endpoint. */
        record None() implements Check {
        }

        /** The pinned key: the pin as it was before this sighting. */
        record Match(Pin pin) implements Check {
        }

        /** Another key is pinned for this endpoint. */
        record Changed(Pin pin) implements Check {
        }
    }

    private static final int MAX_BYTES = 8 << 20;
    private final Path file;
    private final Clock clock;

    private PinStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** A store on this file (created on the first pin); an existing file must read cleanly. */
    public static PinStore open(Path file, Clock clock) throws PinStoreException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        PinStore store = new PinStore(file.toAbsolutePath(), clock);
        store.read();
        return store;
    }

    public Path file() {
        return file;
    }

    /** All pins, in file order. */
    public synchronized List<Pin> pins() throws PinStoreException {
        return List.copyOf(read().values());
    }

    /** Compares a key with the pin for an endpoint; a match records the sighting (last seen). */
    public synchronized Check check(String endpoint, String spkiSha256) throws PinStoreException {
        Map<String, Pin> pins = read();
        Pin pin = pins.get(endpoint.toLowerCase(java.util.Locale.ROOT));
        if (pin == null) {
            return new Check.None();
        }
        if (!pin.spkiSha256().equalsIgnoreCase(spkiSha256)) {
            return new Check.Changed(pin);
        }
        pins.put(pin.endpoint(), pin.seenAt(clock.instant()));
        write(pins);
        return new Check.Match(pin);
    }

    /**
     * Pins a key for an endpoint that has no pin.
     *
     * @throws PinStoreException if the endpoint is already pinned (to any key), or the file cannot be written
     */
    public synchronized Pin pin(String endpoint, String spkiSha256) throws PinStoreException {
        Map<String, Pin> pins = read();
        Instant now = clock.instant();
        Pin pin = new Pin(endpoint, spkiSha256, now, now);
        if (pins.containsKey(pin.endpoint())) {
            throw new PinStoreException(file + ": " + pin.endpoint() + " is already pinned; forget it first");
        }
        pins.put(pin.endpoint(), pin);
        write(pins);
        return pin;
    }

    /** Removes an endpoint's pin; returns whether there was one. */
    public synchronized boolean forget(String endpoint) throws PinStoreException {
        Map<String, Pin> pins = read();
        boolean removed = pins.remove(endpoint.toLowerCase(java.util.Locale.ROOT)) != null;
        if (removed) {
            write(pins);
        }
        return removed;
    }

    private Map<String, Pin> read() throws PinStoreException {
        Map<String, Pin> pins = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return pins;
        }
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PinStoreException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB; not a pin file");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PinStoreException(file + ": cannot read (" + e.getMessage() + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 4) {
                throw new PinStoreException(file + ": line " + (i + 1) + ": expected 'host:port spki-sha256 first-seen "
                        + "last-seen', found " + f.length + " fields");
            }
            try {
                Pin pin = new Pin(f[0], f[1], Instant.parse(f[2]), Instant.parse(f[3]));
                if (pins.putIfAbsent(pin.endpoint(), pin) != null) {
                    throw new PinStoreException(file + ": line " + (i + 1) + ": " + pin.endpoint() + " is pinned twice");
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new PinStoreException(file + ": line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return pins;
    }

    private void write(Map<String, Pin> pins) throws PinStoreException {
        StringBuilder sb = new StringBuilder("# localtrust pins: host:port spki-sha256 first-seen last-seen\n");
        pins.values().forEach(p -> sb.append(p.line()).append('\n'));
        Path dir = file.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            tmp = posix ? Files.createTempFile(dir, ".pins-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".pins-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new PinStoreException(file + ": cannot write (" + e.getMessage() + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is left behind; the pin file itself is untouched
                }
            }
        }
    }

    /** The pin for an endpoint, if any (read-only; records no sighting). */
    public synchronized Optional<Pin> lookup(String endpoint) throws PinStoreException {
        return Optional.ofNullable(read().get(endpoint.toLowerCase(java.util.Locale.ROOT)));
    }
}
