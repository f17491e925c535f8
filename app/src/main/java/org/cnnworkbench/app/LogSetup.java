package org.cnnworkbench.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging set up in code rather than from a logback.xml: parsing XML was a sixth of a second or more
 * of every command's start-up (bench/startup.sh). Quiet by default: the workbench prints what users
 * need itself and libraries only warn. {@code WORKBENCH_LOG_LEVEL} sets the level (default WARN);
 * PF4J logs a stack trace for every jar it cannot load, and the plugin catalogue reports each such jar
 * in one line, so PF4J's own log is off unless {@code WORKBENCH_PF4J_LOG_LEVEL} asks for it. A
 * {@code -Dlogback.configurationFile=...} still takes over. Registered in
 * META-INF/services/ch.qos.logback.classic.spi.Configurator.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{20}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Level level = level("WORKBENCH_LOG_LEVEL", Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(stderr);
        context.getLogger("org.cnnworkbench").setLevel(level);
        context.getLogger("org.pf4j").setLevel(level("WORKBENCH_PF4J_LOG_LEVEL", Level.OFF));
        // The store runs Flyway with outOfOrder on purpose (H2Database.migrate), and Flyway warns that it is
        // on at every migration: not the user's concern unless they asked for more than warnings.
        if (level.isGreaterOrEqual(Level.WARN)) {
            context.getLogger("org.flywaydb.core.internal.command.DbMigrate").setLevel(Level.ERROR);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Level level(String variable, Level fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Level.toLevel(value.trim(), fallback);
    }
}
