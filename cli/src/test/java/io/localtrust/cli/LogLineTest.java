package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.IOException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The command's log lines are the ones its former {@code logback.xml} pattern wrote: each line is
 * compared with logback's own {@link PatternLayout} for that pattern.
 */
class LogLineTest {
    private static final String FORMER_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    private final LoggerContext context = new LoggerContext();

    @Test
    void writesWhatTheFormerPatternWrote() {
        for (Level level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
            for (String logger : new String[] {"x", "io.localtrust.cli.TrustOptions", "io.localtrust.scanner.tls.FlightReader"}) {
                ILoggingEvent event = event(logger, level, "read {} of {} roots", null, 3, "JDK cacerts");
                assertThat(layout().doLayout(event)).isEqualTo(former().doLayout(event))
                        .endsWith(" - read 3 of JDK cacerts roots" + System.lineSeparator());
            }
        }
    }

    @Test
    void writesTheStackTraceOfAnAttachedException() {
        IOException cause = new IOException("connection reset");
        ILoggingEvent event = event("io.localtrust.scanner.PortProbe", Level.WARN, "probe failed", new IllegalStateException("no chain", cause));
        assertThat(layout().doLayout(event)).isEqualTo(former().doLayout(event))
                .contains("java.lang.IllegalStateException: no chain", "Caused by: java.io.IOException: connection reset",
                        "\tat io.localtrust.cli.LogLineTest.");
    }

    @Test
    void logbackFindsTheCommandsConfiguratorInsteadOfAnXmlFile() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, stderr -> {
            assertThat(stderr.getTarget()).isEqualTo("System.err");
            assertThat(((LayoutWrappingEncoder<?>) stderr.getEncoder()).getLayout()).isInstanceOf(LogLine.class);
        });
    }

    private LogLine layout() {
        LogLine layout = new LogLine(ZoneId.systemDefault());
        layout.setContext(context);
        layout.start();
        return layout;
    }

    private PatternLayout former() {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(FORMER_PATTERN);
        layout.start();
        return layout;
    }

    private ILoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, message, thrown, args);
        event.setTimeStamp(1_795_000_000_123L);
        return event;
    }
}
