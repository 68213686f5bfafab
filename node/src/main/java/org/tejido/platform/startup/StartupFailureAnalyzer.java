package org.tejido.platform.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/** Puts {@link StartupFailures}' diagnosis ahead of Spring Boot's own analyzers (META-INF/spring.factories). */
public final class StartupFailureAnalyzer implements FailureAnalyzer, Ordered {
    @Override
    public FailureAnalysis analyze(Throwable failure) {
        return StartupFailures.diagnose(failure)
                .map(refusal -> new FailureAnalysis(refusal.sentence(), refusal.action(), failure))
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
