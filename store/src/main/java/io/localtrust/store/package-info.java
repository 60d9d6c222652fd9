/**
 * The gateway's store: devices and their approval state, issued certificates (append-only) and
 * their status (kept apart), pairing codes, pre-authorised names, and a hash-chained audit log.
 *
 * <p>One schema (Flyway migrations), two backends: embedded SQLite in the gateway directory by
 * default, PostgreSQL for scale. Consumers depend on the narrow interface they need
 * ({@link io.localtrust.store.DeviceStore}, {@link io.localtrust.store.CertificateStore},
 * {@link io.localtrust.store.ApprovalStore}, {@link io.localtrust.store.AuditLog}); one contract
 * test suite runs against both backends. {@link io.localtrust.store.GatewayStores} creates and
 * opens stores; the JDBC implementation lives in {@code io.localtrust.store.sql}. Instants are
 * kept to the millisecond. docs/store.md describes the schema, durability and the audit chain.
 */
package io.localtrust.store;
