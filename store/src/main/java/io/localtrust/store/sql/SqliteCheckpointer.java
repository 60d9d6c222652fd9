package io.localtrust.store.sql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies the WAL's committed pages into the database file on a thread of its own
 * ({@value #THREAD_NAME}), so that the store's writer does not. SQLite's default is an automatic
 * checkpoint inside the commit that pushes the WAL past 1,000 pages: the writer then reads those
 * pages back, writes them into the database file and fsyncs it — 16–22 ms in which no batch is
 * written and every caller of the next one waits (BENCHMARKS.md, "issue-pipeline"). Here a
 * {@code PASSIVE} checkpoint runs at most every {@value #PERIOD_MILLIS} ms while commits come:
 * it takes no lock a writer or reader needs, so the writer goes on committing meanwhile.
 *
 * <p>Nothing about durability changes: a commit is durable in the WAL when it returns
 * ({@code synchronous=FULL}); a checkpoint only moves pages already durable, and SQLite replays the
 * WAL after a crash whatever was checkpointed. The writer's own automatic checkpoint stays as a
 * backstop at {@value #WRITER_BACKSTOP_PAGES} pages (see {@link SqliteDialect#writerOpened}), should
 * this thread fall behind or fail; a failure here is logged once and the next commit tries again
 * on a new connection.
 */
final class SqliteCheckpointer implements Database.AfterCommit {
    static final String THREAD_NAME = "localtrust-sqlite-checkpoint";
    /** The least time between two checkpoints: a page rewritten by several commits meanwhile is copied once. */
    static final long PERIOD_MILLIS = 100;
    /** The writer connection's {@code wal_autocheckpoint}: its own checkpoint only when this thread lags far behind. */
    static final int WRITER_BACKSTOP_PAGES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

    private final SQLiteDataSource source;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean due; // guarded by lock: a commit since the last checkpoint started
    private boolean closed; // guarded by lock
    private Thread thread; // guarded by lock: started with the first commit
    private Connection connection; // the checkpoint thread's own
    private boolean warned; // the checkpoint thread's own

    SqliteCheckpointer(SQLiteDataSource source, Path file) {
        this.source = source;
        this.file = file;
    }

    @Override
    public void committed() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            due = true;
            if (thread == null) {
                thread = Thread.ofPlatform().name(THREAD_NAME).daemon().start(this::loop);
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        try {
            while (awaitDue()) {
                checkpoint();
                pause();
            }
        } finally {
            closeConnection();
        }
    }

    /** Waits for a commit not yet checkpointed; false once closed. */
    private boolean awaitDue() {
        lock.lock();
        try {
            while (!due && !closed) {
                changed.awaitUninterruptibly();
            }
            due = false;
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** The period between checkpoints, cut short by {@link #close}. */
    private void pause() {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
            while (left > 0 && !closed) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = source.getConnection();
            }
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next(); // (busy, WAL pages, pages checkpointed): a busy or partial one is finished by a later one
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            if (!warned) {
                warned = true;
                LOG.warn("background checkpoint of {} failed ({}); the writer's own checkpoint takes over until one succeeds",
                        file, SqliteDialect.translate(e instanceof SQLException s ? s : new SQLException(e), file).getMessage());
            }
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing of the store's state is in this connection
            }
        }
    }

    /** Stops the thread (a checkpoint running ends first); SQLite checkpoints when the last connection closes. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        Joins.uninterruptibly(t);
    }
}
