package org.tejido.platform.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error controller, whose JSON is not a problem detail and repeats the path:
 * an error raised outside Spring MVC (a servlet filter's {@code sendError}, an exception thrown by a
 * filter) is forwarded here by the servlet container and answered as a problem detail, {@code
 * http.<status>} ({@code http.400} for a refusal without its own sentence, {@code internal} for a
 * server error), with no {@code instance}. Only error
 * dispatches reach it; the security table denies it to every caller.
 */
@RestController
@Hidden // not part of the API: Spring MVC's error dispatch, under every method (found by OpenApiFuzzIT)
class ProblemErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final MessageSource messages;
    private final ProblemResponses problems;

    ProblemErrorController(MessageSource messages, ProblemResponses problems) {
        this.messages = messages;
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String code;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status.is5xxServerError() && failure instanceof Throwable t && StorageFailures.unavailable(t)) {
            // A filter reached the database and it was not there: like the advice, 503 with Retry-After.
            status = HttpStatus.SERVICE_UNAVAILABLE;
            code = StorageFailures.CODE;
            log.warn("Storage unavailable outside Spring MVC: {} ({})", code, StorageFailures.reason(t));
        } else if (status.is5xxServerError()) {
            code = "internal";
            if (failure instanceof Throwable t) {
                log.error("Unexpected failure outside Spring MVC", Redacted.of(t));
            } else {
                log.error("Unexpected failure outside Spring MVC: status {}", status.value());
            }
        } else {
            if (!problems.knows("http." + status.value())) {
                status = HttpStatus.BAD_REQUEST; // a refusal the node has no sentence for
            }
            code = "http." + status.value();
            // Neither method nor path: on an error dispatch they are the error page's, not the request's.
            log.warn("Refused a request outside Spring MVC: {}", code);
        }
        ProblemDetail body = Problems.of(messages, LocaleContextHolder.getLocale(), status, code, List.of(), null);
        // As members: Spring MVC would give a ProblemDetail without an instance this dispatch's path.
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(StorageFailures.RETRY_AFTER_SECONDS));
        }
        return response.body(Problems.members(body));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
