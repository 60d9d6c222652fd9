/**
 * Admin passwords and browser sessions, one implementation for every page a person signs in to:
 * the device agent's admin page and the gateway console. Passwords are kept only as Argon2id
 * hashes (RFC 9106, {@link io.localtrust.login.PasswordHash}) and compared in constant time;
 * logins are rate-limited per address and overall, and sessions are random tokens the server
 * keeps only as their SHA-256 ({@link io.localtrust.login.LoginGuard}).
 */
package io.localtrust.login;
