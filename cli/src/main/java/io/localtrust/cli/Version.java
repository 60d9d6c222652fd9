package io.localtrust.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"localtrust " + (v == null ? "development build" : v)
                + " (Java " + Runtime.version() + ")"};
    }
}
