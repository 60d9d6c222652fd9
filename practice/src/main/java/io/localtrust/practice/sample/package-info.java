/**
 * A generated sample network with a device of every practice, for {@code localtrust demo}, the
 * tests and the benchmarks. Certificates are made in memory (no openssl); addresses are labels,
 * no traffic is sent.
 */
package io.localtrust.practice.sample;
