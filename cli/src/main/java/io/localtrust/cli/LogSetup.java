package io.localtrust.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.time.ZoneId;
import org.slf4j.Logger;

/**
 * The command's logging set-up, found by logback through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}): warnings and errors only,
 * on stderr, one line each ({@link LogLine}). What a {@code logback.xml} said, without logback's
 * XML (Joran) configurator, which cost a fifth of {@code localtrust --version}'s CPU and a tenth of
 * a scan's start-up (BENCHMARKS.md, "The fleet scanner's start-up"). {@link Logging} raises the
 * level for {@code --verbose} and {@code --debug}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** Public, with no arguments: {@link java.util.ServiceLoader} makes it. */
    public LogSetup() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        NopStatusListener quiet = new NopStatusListener();
        context.getStatusManager().add(quiet);
        LogLine layout = new LogLine(ZoneId.systemDefault());
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
