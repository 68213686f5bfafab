package org.tejido.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A form upload (multipart) larger than the node accepts is sent back to its own page with
 * {@code ?too-large}, before anything reads it. The CSRF check reads its token from the upload's
 * fields, and the container gives up reading a body over the multipart limit: the person would be told
 * her form had expired, which is false and sends her to sign in again instead of splitting the file.
 * No data is touched (nothing is read), so answering before the CSRF check opens nothing; the page
 * the redirect leads to is still behind the table. A body without a declared length is left to the
 * container's limits.
 */
final class UploadLimit extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(UploadLimit.class);
    static final String PARAMETER = "too-large";

    private final long max;

    UploadLimit(DataSize max) {
        this.max = max.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if ("POST".equals(request.getMethod())
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("multipart/")
                && request.getContentLengthLong() > max) {
            log.info(
                    "Upload refused: request.too-large ({} bytes declared, {} accepted)",
                    request.getContentLengthLong(),
                    max);
            // The path only (never a query): the page's own address, which the table guards.
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getRequestURI() + "?" + PARAMETER);
            return;
        }
        chain.doFilter(request, response);
    }
}
