package org.tejido.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tejido.platform.pages.Pages;

/**
 * The life of a page session: it ends after {@code idle} without a request, {@code absolute} after it
 * was opened whatever happens, and at once when its user is disabled, changes role or gets a new
 * password. Checked here on every request of the page chain, against the node's clock, rather than
 * left to the servlet container, whose session time-out counts in whole minutes and only for idleness.
 *
 * <p>Also how the page chain refuses: a signed-out visitor is sent to the sign-in page (an htmx
 * request is told to go there with {@code HX-Redirect}, so a fragment is never replaced by a whole
 * page), a role not allowed and a form without its CSRF token get the refusal page with 403.
 */
final class PageSessions extends OncePerRequestFilter implements AuthenticationEntryPoint, AccessDeniedHandler {
    static final String SIGNED_IN_AT = "tejido.signed-in-at";
    static final String LAST_SEEN = "tejido.last-seen";
    static final String PASSWORD_SET_AT = "tejido.password-set-at";
    /** Request attribute: this request's session just ended, say so on the sign-in page. */
    static final String ENDED = "tejido.session-ended";

    static final String IDLE = "auth.session.idle-timeout";
    static final String ABSOLUTE = "auth.session.absolute-timeout";
    static final String ACCOUNT_CHANGED = "auth.session.account-changed";
    static final String CSRF = "auth.csrf-refused";

    static final String SIGN_IN = "/sign-in";
    static final String REFUSED = "/refused";

    private final NodeUsers users;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    PageSessions(NodeUsers users, Clock clock, Duration idle, Duration absolute) {
        this.users = users;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    static void start(HttpSession session, Instant now, Instant passwordSetAt, Duration idle) {
        session.setAttribute(SIGNED_IN_AT, now);
        session.setAttribute(LAST_SEEN, now);
        session.setAttribute(PASSWORD_SET_AT, passwordSetAt);
        // The container drops it a little after the node would refuse it: memory, not the rule.
        session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, idle.toSeconds() + 60));
    }

    static String role(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(a -> a.replaceFirst("^ROLE_", ""))
                .findFirst()
                .orElse("-");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = contexts.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (user != null && !(user instanceof AnonymousAuthenticationToken) && session != null) {
            Optional<String> ended = ended(session, user);
            if (ended.isPresent()) {
                PasswordSignIn.log.info("Security event: {}: user {}", ended.get(), user.getName());
                session.invalidate();
                contexts.clearContext();
                request.setAttribute(ENDED, ended.get());
            } else {
                session.setAttribute(LAST_SEEN, clock.instant());
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<String> ended(HttpSession session, Authentication user) {
        Instant now = clock.instant();
        Instant signedIn;
        Instant lastSeen;
        try {
            signedIn = (Instant) session.getAttribute(SIGNED_IN_AT);
            lastSeen = (Instant) session.getAttribute(LAST_SEEN);
        } catch (IllegalStateException invalidated) {
            return Optional.of(IDLE);
        }
        if (signedIn == null || lastSeen == null || !now.isBefore(signedIn.plus(absolute))) {
            return Optional.of(ABSOLUTE);
        }
        if (!now.isBefore(lastSeen.plus(idle))) {
            return Optional.of(IDLE);
        }
        Optional<NodeUsers.PasswordAccount> account = users.passwordAccount(user.getName());
        if (account.isEmpty()
                || !account.get().role().code().equals(role(user))
                || !Objects.equals(account.get().passwordSetAt(), session.getAttribute(PASSWORD_SET_AT))) {
            return Optional.of(ACCOUNT_CHANGED);
        }
        return Optional.empty();
    }

    /** A signed-out visitor (or one whose session just ended) goes to the sign-in page. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String target = request.getContextPath() + SIGN_IN + (request.getAttribute(ENDED) != null ? "?expired" : "");
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(target);
    }

    /** A signed-in user whose role may not open the page, or a form without its CSRF token: 403. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, ServletException {
        boolean csrf = e instanceof CsrfException;
        Authentication user = contexts.getContext().getAuthentication();
        String who = user == null || user instanceof AnonymousAuthenticationToken ? "-" : user.getName();
        String role = user == null || user instanceof AnonymousAuthenticationToken ? "-" : role(user);
        PasswordSignIn.log.warn(
                "Security event: refused {} {} (403 {}): user {} with role {}",
                request.getMethod(),
                request.getRequestURI(),
                csrf ? CSRF : SecurityProblems.FORBIDDEN,
                who,
                role);
        request.setAttribute(Pages.REFUSAL, csrf ? "csrf" : "role");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher(REFUSED).forward(request, response);
    }
}
