/**
 * Keys whose private half is public knowledge (firmware dumps, broken generators), and the
 * readers for the lists they are published in. The classifier marks a device presenting one
 * as shared; the authority refuses to certify one.
 */
package io.localtrust.lint.keys;
