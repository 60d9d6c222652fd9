package io.localtrust.names.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server for the contract tests: the one {@code LOCALTRUST_TEST_PG_URL} names
 * ({@code ./scripts/test} starts a throwaway cluster and sets it), or else a throwaway cluster
 * this JVM starts itself on loopback (Debian's {@code initdb}/{@code pg_ctl}, as the postgres
 * user when run as root), stopped and removed when the JVM exits. Each caller gets a schema of
 * its own.
 */
public final class TestPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static String server;

    private TestPostgres() {
    }

    /** A URL whose {@code currentSchema} is a new, empty schema. */
    public static synchronized String freshSchema() throws Exception {
        String base = server();
        String schema = "names_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String server() throws Exception {
        if (server == null) {
            String env = System.getenv("LOCALTRUST_TEST_PG_URL");
            server = env != null && !env.isBlank() ? env : startCluster();
        }
        return server;
    }

    private static String startCluster() throws Exception {
        Path bin;
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = dirs.map(d -> d.resolve("bin")).filter(d -> Files.isExecutable(d.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElseThrow(() -> new IOException("no initdb"));
        } catch (IOException e) {
            throw new AssertionError("PostgreSQL is not installed (apt-get install postgresql; scripts/test does) and"
                    + " LOCALTRUST_TEST_PG_URL is not set", e);
        }
        Path dir = Files.createTempDirectory("names-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            exec(List.of("chown", "postgres:", dir.toString()), false);
        }
        exec(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=trust"), root);
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"), root);
            } catch (Exception e) {
                // the JVM is exiting: nothing more to do
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // left in /tmp
            }
        }));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE names_test");
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/names_test?user=postgres";
    }

    private static void exec(List<String> cmd, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
