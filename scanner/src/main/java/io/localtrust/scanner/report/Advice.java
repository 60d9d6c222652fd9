package io.localtrust.scanner.report;

import io.localtrust.practice.Practice;

/**
 * What the owner of a device should do about its practice, in plain words: the report's last
 * line per device. The practice's own explanation says what it means; this says what to do.
 */
public final class Advice {
    private Advice() {
    }

    public static String forPractice(Practice p) {
        return switch (p) {
            case NONE -> "Do not type a password into this page on a shared network. Look for an HTTPS setting or a firmware "
                    + "update that adds it; if there is none, keep the device on a separate network only you use.";
            case NU_SS, NU_US -> "Treat this device's page as readable by anyone on the network: its key is known outside your home. "
                    + "Update the firmware and look for a setting to create a new certificate; onboard it to your gateway if it can.";
            case U_SS -> "The key is the device's own, but nothing vouches for it. Onboard the device to your gateway (ACME) so "
                    + "that it gets a certificate your browsers trust; until then, compare the fingerprint before you accept the warning.";
            case U_US -> "A vendor vouches for this device, not you. Onboard it to your gateway if it can, or install the vendor "
                    + "root only on the machines that manage it.";
            case U_LS -> "Good: certified by your gateway. Keep the gateway root installed on the browsers that manage devices, "
                    + "and let the device renew on its own.";
            case U_CAS -> "Good: a public CA certifies it and every browser verifies it. Make sure it renews before it expires.";
        };
    }
}
