/**
 * Network scans the gateway runs for its console (issue 9, the Scans page): the scanner module's
 * engine on a background virtual thread, one scan at a time, with its progress in memory and its
 * outcome and report in the gateway's store ({@link io.localtrust.store.ScanStore}).
 */
package io.localtrust.gateway.scans;
