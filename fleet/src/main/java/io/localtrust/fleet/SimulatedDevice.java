package io.localtrust.fleet;

import io.localtrust.practice.Practice;
import java.net.URI;
import java.util.Optional;

/**
 * One device of a simulated fleet, as the fleet reports it.
 *
 * @param name     its DNS name ({@code sim-3.home.arpa}; for U-CA/S the public Device DNS Name)
 * @param address  the loopback address it listens on
 * @param practice the certificate practice it was built to follow
 * @param url      where its page is: {@code https://ADDRESS:PORT/}, or {@code http://} for NONE
 * @param devId    the dev-id of a device agent (U-L/S)
 * @param status   "serving", or for an agent its onboarding state ("waiting for approval …")
 */
public record SimulatedDevice(String name, String address, Practice practice, URI url, Optional<String> devId, String status) {
}
