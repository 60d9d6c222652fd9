package io.localtrust.cli;

/** Whether the CLI talks to a person at a terminal: what decides drawing a progress bar or a QR code. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Whether the JVM's console is an interactive terminal: from JDK 22 on {@code System.console()}
     * may return a console for redirected streams too, and only {@code Console.isTerminal} tells.
     */
    static boolean console() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console is a terminal
        }
    }
}
