package org.tejido.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tejido.platform.problem.ProblemResponses;

/**
 * Refuses a query string that is not text before anything reads it: a malformed percent escape,
 * bytes that are not UTF-8, or control characters (a NUL, a line break). Left through, the first
 * would fail inside the servlet container when a parameter is read and the last would reach
 * PostgreSQL, which cannot store a NUL; either way a 500. The answer is a 400 problem detail {@code
 * request.invalid-query}, logged by its code only, before authentication (like the firewall's and
 * Tomcat's refusals of what cannot be read).
 */
@Configuration(proxyBeanMethods = false)
class QueryCheck {
    private static final Logger log = LoggerFactory.getLogger("org.tejido.security");
    static final String CODE = "request.invalid-query";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> unreadableQueriesAreRefused(ProblemResponses problems) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        if (isText(request.getQueryString())) {
                            chain.doFilter(request, response);
                            return;
                        }
                        log.warn("Security event: refused a request (400 {}): its query is not text", CODE);
                        problems.write(request, response, HttpStatus.BAD_REQUEST, CODE);
                    }
                });
        // First, right after the character encoding: nothing before it reads parameters.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** True if every name and value of the query decodes, as UTF-8, to text without control characters. */
    static boolean isText(String query) {
        if (query == null) {
            return true;
        }
        for (String part : query.split("[&=]", -1)) {
            String decoded = decode(part);
            if (decoded == null || decoded.chars().anyMatch(Character::isISOControl)) {
                return false;
            }
        }
        return true;
    }

    /** The percent-decoded part ({@code +} is a space), or null if an escape or the UTF-8 is malformed. */
    private static String decode(String part) {
        ByteBuffer bytes = ByteBuffer.allocate(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                if (i + 2 >= part.length()) {
                    return null;
                }
                int high = Character.digit(part.charAt(i + 1), 16);
                int low = Character.digit(part.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c > 0x7f) {
                return null; // the container hands the query over undecoded: only ASCII can be here
            } else {
                bytes.put((byte) (c == '+' ? ' ' : c));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
