/**
 * The device name service of U-CA/S (issue 8): public DNS names for devices on a LAN, so a public
 * CA can issue them certificates by DNS-01 and a browser trusts them with no change at all.
 * {@code dns} answers the zone, {@code api} is the acme-dns compatible HTTPS API and the
 * key-proof registration, {@code proof} checks a device's proof of its key, {@code store} keeps
 * the accounts (SQLite or PostgreSQL); {@link io.localtrust.names.NamesService} puts them together.
 */
package io.localtrust.names;
