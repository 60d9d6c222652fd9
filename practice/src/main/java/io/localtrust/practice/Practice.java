package io.localtrust.practice;

/**
 * The seed's certificate practices (types 0–6 of "Certificate Background"), by machine name.
 * The order is from worst to best; {@link #rank()} compares them.
 */
public enum Practice {
    NONE("null", "No TLS",
            "The admin page is plain HTTP: passwords and settings cross the network in the clear, "
                    + "and anyone on the LAN can read or change them."),
    NU_SS("NU-S/S", "Shared self-signed certificate",
            "Every device with this firmware presents this same self-signed certificate and private key: "
                    + "anyone who has one can impersonate this page, so clicking through the warning protects nothing."),
    NU_US("NU-U/S", "Shared certificate under an untrusted root",
            "This certificate and its private key ship in every unit, signed by a root browsers do not trust: "
                    + "anyone with the firmware can impersonate every unit."),
    U_SS("U-S/S", "Unique self-signed certificate",
            "The device made its own key, but nothing vouches for it: browsers warn, and an attacker's "
                    + "self-signed certificate looks exactly the same to the user."),
    U_US("U-U/S", "Unique certificate under a vendor root",
            "A unique key certified by a vendor root browsers do not trust: verifiable only where that root "
                    + "is installed (an enterprise can push it); elsewhere it looks like self-signed."),
    U_LS("U-L/S", "Unique certificate from a local CA",
            "A unique key certified by a local authority (your gateway) after onboarding: browsers that trust "
                    + "the gateway's root verify it without a warning."),
    U_CAS("U-CA/S", "Unique certificate from a public CA",
            "A unique key certified by a publicly trusted CA for a public name: every browser verifies it "
                    + "with no change at all.");

    private final String seedLabel;
    private final String title;
    private final String explanation;

    Practice(String seedLabel, String title, String explanation) {
        this.seedLabel = seedLabel;
        this.title = title;
        this.explanation = explanation;
    }

    /** The label the seed document uses ("NU-S/S", "U-L/S", "null"). */
    public String seedLabel() {
        return seedLabel;
    }

    /** A short title for tables. */
    public String title() {
        return title;
    }

    /** What this practice means for a user, in plain language. */
    public String explanation() {
        return explanation;
    }

    /** The seed's type number, 0 (no TLS) to 6 (public CA). */
    public int seedType() {
        return ordinal();
    }

    /** Higher is better; a device is as good as its worst endpoint. */
    public int rank() {
        return ordinal();
    }
}
