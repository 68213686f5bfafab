package org.tejido.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.tejido.platform.problem.ProblemResponses;

/**
 * What Tomcat refuses before the application sees the request (a request line it cannot parse, a
 * raw control character or byte in the target, an encoded {@code /} or NUL, a path that climbs out
 * of the root) is answered as a problem detail, {@code request.rejected} for a 400, instead of
 * Tomcat's HTML error page: the host's error report valve is replaced by {@link ProblemReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblemReports {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatErrorsAreProblems(
            ObjectProvider<ProblemResponses> problems) {
        return new ValveReplacement(problems);
    }

    /** Runs after Spring Boot's own customizer, which adds Tomcat's valve (without its report). */
    static final class ValveReplacement
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
        private final ObjectProvider<ProblemResponses> problems;

        ValveReplacement(ObjectProvider<ProblemResponses> problems) {
            this.problems = problems;
        }

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> replaceErrorReportValve(context.getParent(), problems));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static void replaceErrorReportValve(Container host, ObjectProvider<ProblemResponses> problems) {
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new ProblemReportValve(problems));
        if (host instanceof StandardHost standard) {
            // Otherwise the host adds Tomcat's own valve when it starts, which would answer first.
            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
    }

    /**
     * Writes the problem detail of an error response nothing else has written a body for. The refused
     * request is not described in the log (its target is what could not be read), only the code.
     */
    static final class ProblemReportValve extends ErrorReportValve {
        private static final Logger log = LoggerFactory.getLogger("org.tejido.security");

        private final ObjectProvider<ProblemResponses> problems;

        ProblemReportValve(ObjectProvider<ProblemResponses> problems) {
            this.problems = problems;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            ProblemResponses writer = problems.getIfAvailable();
            if (writer == null) {
                return; // the application is not up yet (or no longer): Tomcat's bare status it is
            }
            HttpStatus known = HttpStatus.resolve(status);
            String code;
            if (known == null || known.is5xxServerError()) {
                code = "internal";
                known = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
            } else if (status != 400 && writer.knows("http." + status)) {
                code = "http." + status;
            } else {
                code = "request.rejected";
            }
            if (known.is4xxClientError()) {
                log.warn("Security event: refused a request before the application ({} {})", status, code);
            } else {
                log.error("Failure before the application ({} {})", status, code);
            }
            byte[] body = writer.body(request, known, code);
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer out = response.getReporter();
                if (out != null) {
                    out.write(new String(body, StandardCharsets.UTF_8));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response cannot be written: nothing more to say.
            }
        }
    }
}
