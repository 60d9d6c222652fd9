package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.StoreException;

import java.sql.SQLException;

/** What the contract tests need from a backend: a fresh store, a second view of it, raw SQL. */
interface StoreFixture {

    /** The store under test: new and empty for each test. */
    GatewayStore store();

    /** A second, independent store instance on the same database (the CLI beside a running gateway). */
    GatewayStore second() throws StoreException;

    /** Runs SQL over a plain JDBC connection of its own, as any client of the database could. */
    void sql(String sql) throws SQLException;

    /** The first column of the first row of a query, as text, over a plain JDBC connection. */
    String queryOne(String sql) throws SQLException;

    /**
     * Runs SQL with the append-only triggers out of the way, as someone with full control of the
     * database could (SQLite: drop and re-create them; PostgreSQL: the owner disables them). What
     * must catch such an edit is the audit hash chain, which this simulates an attack on.
     */
    void tamper(String sql) throws SQLException;
}
