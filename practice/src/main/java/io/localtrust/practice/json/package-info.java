/**
 * The stable JSON form of assessments: one device record, shared by {@code inspect --json}
 * and the scanner's report (docs/json.md). Field names never change meaning; new fields may be
 * added, so readers must ignore what they do not know.
 */
package io.localtrust.practice.json;
