package io.localtrust.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level once, from {@code --verbose} / {@code --debug}, before any command runs. */
final class Logging {
    private Logging() {
    }

    static void configure(String[] args) {
        Level level = Level.WARN;
        for (String a : args) {
            if (a.equals("--debug")) {
                level = Level.DEBUG;
            } else if (a.equals("--verbose") && level != Level.DEBUG) {
                level = Level.INFO;
            } else if (a.equals("--")) {
                break;
            }
        }
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(level);
        }
    }

    static boolean debug(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }
}
