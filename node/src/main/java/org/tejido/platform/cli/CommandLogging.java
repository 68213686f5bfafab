package org.tejido.platform.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Logging for the commands run without Spring: the libraries' warnings and errors only. */
public final class CommandLogging {
    private CommandLogging() {}

    /** PostgreSQL's, Flyway's and Hikari's information lines would drown what the command prints. */
    public static void quiet() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
