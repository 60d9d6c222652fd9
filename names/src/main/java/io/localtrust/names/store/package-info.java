/** The names service's durable state: SQLite or PostgreSQL, one schema (Flyway). */
package io.localtrust.names.store;
