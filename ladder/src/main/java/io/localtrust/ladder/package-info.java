/**
 * The decision ladder of DESIGN.md §3 — the seed's "new browser" logic — on top of the trust
 * engine (module trust), the practice classifier (module practice) and device status tokens
 * (module tokens): {@link io.localtrust.ladder.Ladder} decides one {@link io.localtrust.ladder.Verdict}
 * per connection, {@link io.localtrust.ladder.PinStore} keeps trust-on-first-use pins, and
 * {@link io.localtrust.ladder.LocalTrust#trustManager} offers it all as a JSSE trust manager.
 */
package io.localtrust.ladder;
