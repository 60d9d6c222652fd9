/**
 * The gateway console (issue 9): web pages under {@code /console/} on the gateway's HTTPS
 * listener where the owner approves or denies devices, sees every device with its practice,
 * findings and certificate, revokes, installs the gateway root safely, and reads the audit chain.
 * One boundary ({@link io.localtrust.gateway.console.ConsoleHandler}) speaks Jetty and adds the
 * security headers; changes go through {@code authority.Approvals} like the admin API and the
 * shell commands, with actor {@code console}. See docs/console.md.
 */
package io.localtrust.gateway.console;
