package org.tejido.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.tejido.platform.problem.ProblemResponses;

/**
 * Requests Spring Security's firewall refuses before anything else looks at them (a {@code ;}, an
 * encoded {@code /}, {@code %}, {@code .} or line break, a path that is not normalized, a header
 * with control characters...): a 400 problem detail {@code request.rejected}, like Tomcat's own
 * refusals of what it cannot read, instead of the servlet container's error page. Logged as a
 * security event by its code only: the firewall's message quotes the offending path or header.
 */
final class RejectedRequests implements RequestRejectedHandler {
    private static final Logger log = LoggerFactory.getLogger("org.tejido.security");
    static final String CODE = "request.rejected";

    private final ProblemResponses problems;

    RejectedRequests(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.warn("Security event: refused a request (400 {}): the firewall found what it does not accept", CODE);
        problems.write(request, response, HttpStatus.BAD_REQUEST, CODE);
    }
}
