/**
 * The fleet scanner: which certificate practice every device on a network follows.
 *
 * <p>{@link io.localtrust.scanner.Targets} turns what the user typed into addresses (refusing
 * public ones unless asked); {@link io.localtrust.scanner.Scanner} probes every address × port on
 * virtual threads ({@link io.localtrust.scanner.PortProbe}: the TLS chain as presented and the
 * stapled OCSP response, or whether plain HTTP redirects to HTTPS), groups the endpoints into
 * devices and classifies them with the practice module's one classifier and the fleet view of
 * everything the scan saw. {@code report} writes the result for people and programs.
 */
package io.localtrust.scanner;
