/**
 * What was seen of a device: its endpoints, and for TLS ones the chain as presented. The
 * scanner fills these from the network, {@code inspect} from files; the classifier does not care.
 */
package io.localtrust.practice.observe;
