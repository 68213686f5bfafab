package org.tejido.platform.database;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.tejido.platform.problem.StorageFailures;

/**
 * A node started while its PostgreSQL is down, unreachable or out of disk fails with one sentence
 * saying so (in Spanish and English), instead of Flyway's or Hikari's stack of wrapped exceptions.
 * Registered in {@code META-INF/spring.factories}; ahead of Spring Boot's own analyzers.
 */
public final class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer, Ordered {
    @Override
    public FailureAnalysis analyze(Throwable failure) {
        if (!StorageFailures.unavailable(failure)) {
            return null;
        }
        return new FailureAnalysis(
                "The node cannot reach its PostgreSQL database (" + StorageFailures.reason(failure)
                        + ") / el nodo no puede llegar a su base de datos PostgreSQL.",
                "Start PostgreSQL, or check spring.datasource.url and that its disk has room, then start the node"
                        + " again / inicie PostgreSQL, o revise spring.datasource.url y que su disco tenga espacio, y"
                        + " vuelva a iniciar el nodo.",
                failure);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
