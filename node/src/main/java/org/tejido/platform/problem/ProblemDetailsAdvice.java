package org.tejido.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.tejido.vocabulary.UnknownCodeException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every refusal becomes an RFC 9457 problem detail with a stable {@code code} and a sentence in the
 * language asked for by {@code Accept-Language} (Spanish unless English is preferred). Refusals are
 * logged with their code and the endpoint's route only (e.g. {@code /api/attacks/{attackId}}, not the
 * path with what was typed in it): bodies and addresses may hold personal data.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetailsAdvice {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /**
     * Codes that refuse the request's path itself (an identifier in it that cannot name anything,
     * characters the firewall does not accept): their problem carries no {@code instance}.
     */
    static final Set<String> PATH_REFUSALS = Set.of("request.invalid-id", "request.rejected");

    private final MessageSource messages;

    ProblemDetailsAdvice(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(Rejection.class)
    ResponseEntity<Object> rejection(Rejection e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
        return problem(status, e.code(), e.args(), request);
    }

    @ExceptionHandler(UnknownCodeException.class)
    ResponseEntity<Object> unknownCode(UnknownCodeException e, HttpServletRequest request) {
        String code = e.retired() ? "vocabulary.retired-code" : "vocabulary.unknown-code";
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, code, List.of(e.scheme(), e.value()), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (e.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
            return problem(
                    HttpStatus.BAD_REQUEST, "request.unknown-field", List.of(unknown.getPropertyName()), request);
        }
        if (e.getMostSpecificCause() instanceof Rejection rejection) {
            return rejection(rejection, request);
        }
        if (e.getMostSpecificCause() instanceof UnknownCodeException unknown) {
            return unknownCode(unknown, request);
        }
        return problem(HttpStatus.BAD_REQUEST, "request.malformed", List.of(), request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<String> fields = e.getBindingResult().getFieldErrors().stream()
                .map(FieldError::getField)
                .distinct()
                .sorted()
                .toList();
        return problem(
                HttpStatus.BAD_REQUEST,
                "request.invalid-fields",
                List.of(String.join(", ", fields)),
                Map.of("fields", fields),
                request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<String> names = e.getParameterValidationResults().stream()
                .map(r -> r.getMethodParameter().getParameterName())
                .distinct()
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "request.invalid-parameter", List.of(String.join(", ", names)), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        if (e.getMostSpecificCause() instanceof Rejection rejection) {
            return rejection(rejection, request);
        }
        return problem(HttpStatus.BAD_REQUEST, "request.invalid-parameter", List.of(e.getName()), request);
    }

    /** The firewall's lazy checks (a header read by a controller): refused like the firewall's own. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> firewall(RequestRejectedException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "request.rejected", List.of(), request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e, HttpServletRequest request) {
        return problem(
                HttpStatus.NOT_FOUND, "record.not-found", List.of(String.valueOf(e.getAggregateIdentifier())), request);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Object> duplicate(AggregateStreamCreationException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "record.already-exists", List.of(), request);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrent(ConcurrencyException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "record.concurrent-change", List.of(), request);
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<Object> store(EventStoreException e, HttpServletRequest request) {
        if (StorageFailures.unavailable(e)) {
            return unavailable(e, request);
        }
        log.error("Event store failure on {} {}", request.getMethod(), route(request), Redacted.of(e));
        return problem(HttpStatus.SERVICE_UNAVAILABLE, StorageFailures.CODE, List.of(), request);
    }

    /**
     * The database is not there (stopped, unreachable, out of disk), however Spring, Hikari or Axon
     * wrapped it: 503 with Retry-After, nothing was written (the transaction did not commit). Logged by
     * code and SQLSTATE, one line, no stack trace: under load every request fails the same way.
     */
    private ResponseEntity<Object> unavailable(Exception e, HttpServletRequest request) {
        log.warn(
                "Storage unavailable on {} {}: {} ({})",
                request.getMethod(),
                route(request),
                StorageFailures.CODE,
                StorageFailures.reason(e));
        return problem(HttpStatus.SERVICE_UNAVAILABLE, StorageFailures.CODE, List.of(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse framework) {
            // Spring MVC's own refusals: unknown path, wrong method, wrong media type, missing parameter.
            HttpStatusCode status = framework.getStatusCode();
            return problem(HttpStatus.valueOf(status.value()), "http." + status.value(), List.of(), request);
        }
        if (StorageFailures.tooLong(e)) {
            // Rolled back at its commit (TransactionConfig): nothing was written, and it may work when
            // the node is less busy, or in smaller parts.
            log.warn("Refused {} {}: {}", request.getMethod(), route(request), StorageFailures.TOO_LONG_CODE);
            return problem(HttpStatus.SERVICE_UNAVAILABLE, StorageFailures.TOO_LONG_CODE, List.of(), request);
        }
        if (StorageFailures.unavailable(e)) {
            return unavailable(e, request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), route(request), Redacted.of(e));
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", List.of(), request);
    }

    private ResponseEntity<Object> problem(
            HttpStatus status, String code, List<String> args, HttpServletRequest request) {
        return problem(status, code, args, Map.of(), request);
    }

    private ResponseEntity<Object> problem(
            HttpStatus status, String code, List<String> args, Map<String, Object> more, HttpServletRequest request) {
        if (status.is4xxClientError()) {
            // The code only: arguments repeat what the caller typed, which may be personal data.
            log.warn("Refused {} {}: {}", request.getMethod(), route(request), code);
        }
        // A refused path is not repeated back: what is wrong with it is what someone typed.
        String instance = PATH_REFUSALS.contains(code) ? null : request.getRequestURI();
        ProblemDetail problem = Problems.of(messages, LocaleContextHolder.getLocale(), status, code, args, instance);
        more.forEach(problem::setProperty);
        // Spring MVC gives a ProblemDetail without an instance the request path: that one goes as its members.
        Object body = instance == null ? Problems.members(problem) : problem;
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(StorageFailures.RETRY_AFTER_SECONDS));
        }
        return response.body(body);
    }

    /**
     * The pattern of the endpoint the request reached ({@code /api/attacks/{attackId}/consent}), so that
     * what was typed into the path stays out of the log; the path itself when it reached none.
     */
    static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : request.getRequestURI();
    }
}
