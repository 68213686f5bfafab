package org.tejido.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import org.tejido.platform.problem.Problems;
import org.tejido.platform.problem.StorageFailures;
import tools.jackson.databind.ObjectMapper;

/**
 * 401 and 403 as RFC 9457 problem details of the same shape as every other refusal of the API (type
 * {@code urn:tejido:problem:<code>}, a {@code code} property, Spanish unless English is asked for),
 * written here because these refusals happen in the security filter, before Spring MVC and its
 * advice. Each refusal is logged as a security event: method, path and user name, never the token.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final Logger log = LoggerFactory.getLogger("org.tejido.security");
    static final String UNAUTHENTICATED = "auth.unauthenticated";
    static final String FORBIDDEN = "auth.forbidden";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ObjectMapper json;

    SecurityProblems(MessageSource messages, LocaleResolver locales, ObjectMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    /** No credentials, or credentials that are not a valid token of an active user: 401. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean badToken = e instanceof BearerTokenFilter.InvalidToken;
        log.warn(
                "Security event: refused {} {} (401 {}): {}",
                request.getMethod(),
                request.getRequestURI(),
                UNAUTHENTICATED,
                badToken ? e.getMessage() + ", user unknown" : "no credentials");
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                badToken ? "Bearer realm=\"tejido\", error=\"invalid_token\"" : "Bearer realm=\"tejido\"");
        write(request, response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, List.of());
    }

    /** A valid token whose role is not allowed here: 403. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        String name = user == null ? "-" : user.getName();
        String role = user == null
                ? "-"
                : user.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .map(a -> a.replaceFirst("^ROLE_", ""))
                        .findFirst()
                        .orElse("-");
        log.warn(
                "Security event: refused {} {} (403 {}): user {} with role {}",
                request.getMethod(),
                request.getRequestURI(),
                FORBIDDEN,
                name,
                role);
        write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN, List.of(role));
    }

    /**
     * The token could not be checked because the database is not there: 503 {@code store.unavailable}
     * with Retry-After, as the API answers when a command cannot be stored. Not a security event: the
     * token may be good.
     */
    void storageUnavailable(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        LoggerFactory.getLogger(BearerTokenFilter.class)
                .warn(
                        "Storage unavailable while checking a token on {}: {} ({})",
                        request.getMethod(),
                        StorageFailures.CODE,
                        StorageFailures.reason(e));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(StorageFailures.RETRY_AFTER_SECONDS));
        write(request, response, HttpStatus.SERVICE_UNAVAILABLE, StorageFailures.CODE, List.of());
    }

    private void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, List<String> args)
            throws IOException {
        ProblemDetail problem =
                Problems.of(messages, locales.resolveLocale(request), status, code, args, request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(Problems.members(problem)));
    }
}
