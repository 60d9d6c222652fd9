/**
 * The gateway's certificate authority: the seed's U-L/S ("a certificate is signed by a local
 * entity … a gateway hosted signing service"), DESIGN.md §3.
 *
 * <p>{@link io.localtrust.authority.KeyCeremony} makes a name-constrained root and an online
 * issuing intermediate; {@link io.localtrust.authority.Authority} checks a CSR (signature, key
 * policy, device uniqueness, names inside the constraints, approval), builds the leaf, lints it
 * before the real signature, signs, and returns it only after the store has committed it. Every
 * refusal carries a stable {@link io.localtrust.authority.Refusal} code.
 */
package io.localtrust.authority;
