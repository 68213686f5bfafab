package org.tejido.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tejido.platform.problem.StorageFailures;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750). No header: the request goes on anonymous
 * and the authorization table decides (401 unless public). A header that is not a valid token of an
 * active user: 401 at once, even on a public address. Nothing is kept between requests.
 *
 * <p>Deliberately not a Spring bean: as a bean, Spring Boot would also register it as a servlet
 * filter outside the security chain.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    /** RFC 6750 b64token. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private static final String SCHEME = "Bearer ";

    private final NodeUsers users;
    private final SecurityProblems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(NodeUsers users, SecurityProblems problems) {
        this.users = users;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = bearerToken(header);
        if (token == null) {
            problems.commence(request, response, new InvalidToken("not a bearer token"));
            return;
        }
        Optional<NodeUser> user;
        try {
            user = users.authenticate(token);
        } catch (RuntimeException e) {
            if (!StorageFailures.unavailable(e)) {
                throw e;
            }
            problems.storageUnavailable(request, response, e);
            return;
        }
        if (user.isEmpty()) {
            problems.commence(request, response, new InvalidToken("unknown or disabled token"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user.get().name(),
                null,
                List.of(new SimpleGrantedAuthority(user.get().role().authority()))));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private static String bearerToken(String header) {
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.length() <= Tokens.MAX_LENGTH && B64TOKEN.matcher(token).matches() ? token : null;
    }

    /** Credentials were sent and are not good; the message says why, never what they were. */
    static final class InvalidToken extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        InvalidToken(String why) {
            super(why);
        }
    }
}
