package io.localtrust.practice;

/**
 * What is known about other devices, for deciding whether a key is shared. The scanner
 * implements it over everything one scan saw; {@code inspect} over the files it was given.
 */
public interface FleetView {

    /** Distinct devices observed presenting the key with this SPKI SHA-256 (this device included). */
    int devicesWithKey(String spkiSha256);

    /** Distinct devices observed in all. */
    int deviceCount();

    /** A fleet of one: nothing to compare with, so uniqueness can only be assumed. */
    static FleetView single() {
        return new FleetView() {
            @Override
            public int devicesWithKey(String spkiSha256) {
                return 1;
            }

            @Override
            public int deviceCount() {
                return 1;
            }
        };
    }
}
