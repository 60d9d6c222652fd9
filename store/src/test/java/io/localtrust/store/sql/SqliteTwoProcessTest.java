package io.localtrust.store.sql;

import io.localtrust.store.AuditEvent;
import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static io.localtrust.store.sql.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI beside a running gateway, for real: a second JVM writes the same SQLite file while this
 * one does. SQLite's file locks (BEGIN IMMEDIATE plus the busy timeout) must keep one chain.
 */
class SqliteTwoProcessTest {
    private static final int PER_PROCESS = 150;

    @TempDir
    Path tmp;

    /** The other process: opens the store, says "ready", waits for a line, then appends. */
    public static void main(String[] args) throws Exception {
        if (args[1].equals("lock")) {
            holdLock(Path.of(args[0]));
            return;
        }
        try (GatewayStore store = GatewayStores.open(Path.of(args[0]))) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                store.append(at(i), "other-process", "probe", "p" + i, "");
            }
        }
    }

    /** The other process for the lock test: takes a lock, says "locked", and dies (no release) on a line. */
    private static void holdLock(Path dir) throws Exception {
        GatewayStore store = GatewayStores.open(dir);
        System.out.println(store.tryLock("acme-order:o1").isPresent() ? "locked" : "busy");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Runtime.getRuntime().halt(0);
    }

    @Test
    void aLockHeldByAnotherProcessIsBusyUntilThatProcessDies() throws Exception {
        Path dir = tmp.resolve("gateway");
        try (GatewayStore store = GatewayStores.create(dir)) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    SqliteTwoProcessTest.class.getName(), dir.toString(), "lock").redirectError(tmp.resolve("child.err").toFile()).start();
            BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(fromChild.readLine()).isEqualTo("locked");
            assertThat(store.tryLock("acme-order:o1")).isEmpty();
            assertThat(store.tryLock("acme-order:o2")).isPresent();
            try (OutputStream toChild = child.getOutputStream()) {
                toChild.write("die\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(child.waitFor()).isZero();
            assertThat(store.tryLock("acme-order:o1")).as("released by the dead process").isPresent();
        }
    }

    @Test
    void appendsFromAnotherProcessKeepOneGaplessChain() throws Exception {
        Path dir = tmp.resolve("gateway");
        Path errors = tmp.resolve("child.err");
        try (GatewayStore store = GatewayStores.create(dir)) {
            long revision = store.revision();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    SqliteTwoProcessTest.class.getName(), dir.toString(), String.valueOf(PER_PROCESS))
                    .redirectError(errors.toFile()).start();
            BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(fromChild.readLine()).as("child: %s", errors).isEqualTo("ready");
            try (OutputStream toChild = child.getOutputStream()) {
                toChild.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < PER_PROCESS; i++) {
                store.append(at(i), "this-process", "probe", "t" + i, "");
            }
            int exit = child.waitFor();
            assertThat(exit).as("child exit; its stderr: %s", Files.readString(errors)).isZero();

            List<AuditEvent> log = store.events(1, 10 * PER_PROCESS);
            assertThat(log).extracting(AuditEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * PER_PROCESS).boxed().toList());
            assertThat(log).filteredOn(e -> e.actor().equals("other-process")).hasSize(PER_PROCESS);
            assertThat(store.verify()).isEmpty();
            assertThat(store.revision()).isEqualTo(revision + 2L * PER_PROCESS);
        }
    }
}
