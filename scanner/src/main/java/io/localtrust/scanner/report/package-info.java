/**
 * A scan written for people and programs: the terminal table, the {@code localtrust.scan/1} JSON
 * document (docs/scan.md; each device is the record {@code inspect --json} prints), one CSV row per
 * device, and one self-contained HTML report.
 */
package io.localtrust.scanner.report;
