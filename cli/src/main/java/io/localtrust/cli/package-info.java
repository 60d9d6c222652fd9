/**
 * The {@code localtrust} command line: the composition root. Commands parse options, build the
 * collaborators (clock, random, trust context, classifier) and print; domain logic lives in the
 * modules they call. Exit codes: 0 success, 1 internal error, 2 a user mistake (bad option, bad
 * input file) — reported as one line, never a stack trace unless {@code --debug}.
 */
package io.localtrust.cli;
