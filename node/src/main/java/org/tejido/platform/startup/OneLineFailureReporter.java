package org.tejido.platform.startup;

import java.io.PrintStream;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * A start that failed for a known reason is told in one line on standard error: what is wrong and
 * what to do, without a stack trace unless {@code TEJIDO_TRACE} is set. Replaces Spring Boot's
 * multi-line report (its logger is off in application.properties); registered in
 * META-INF/spring.factories.
 */
public final class OneLineFailureReporter implements FailureAnalysisReporter {
    private final PrintStream out;
    private final boolean trace;

    public OneLineFailureReporter() {
        this(System.err, System.getenv("TEJIDO_TRACE") != null);
    }

    OneLineFailureReporter(PrintStream out, boolean trace) {
        this.out = out;
        this.trace = trace;
    }

    @Override
    public void report(FailureAnalysis analysis) {
        out.println(line(analysis));
        if (trace && analysis.getCause() != null) {
            analysis.getCause().printStackTrace(out);
        }
        out.flush();
    }

    static String line(FailureAnalysis analysis) {
        String action = analysis.getAction() == null ? "" : " " + analysis.getAction();
        return ("Tejido did not start / Tejido no arrancó: " + analysis.getDescription() + action)
                .replaceAll("\\s*\\R\\s*", " ")
                .strip();
    }
}
