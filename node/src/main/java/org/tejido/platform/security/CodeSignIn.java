package org.tejido.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tejido.platform.pages.Pages;

/**
 * The second step of signing in: the form of the code page ({@code POST /sign-in/code}, after the
 * chain's CSRF check), for a session whose password was right just before ({@link Pending}). Only a
 * right code of a step not used before signs the session in; until then the session is not signed in
 * at all. Failures are counted by the same {@link SignInThrottle} as passwords, for the name and the
 * address, and a locked name or address is refused without the code being checked, whoever it is.
 *
 * <p>Logged by code, with the user's name (her password was right, so the name is a real user's, and
 * codes failing after a right password mean someone may hold it); never the code typed.
 */
final class CodeSignIn extends OncePerRequestFilter {
    static final String PATH = "/sign-in/code";

    static final String CODE_FAILED = "auth.sign-in.code-failed";
    static final String CODE_REPLAYED = "auth.sign-in.code-replayed";
    static final String CODE_UNREADABLE = "auth.sign-in.code-unreadable";
    static final String CODE_EXPIRED = "auth.sign-in.code-expired";

    /** Time to type the code after the password; then the password is asked again. */
    static final Duration PENDING_FOR = Duration.ofMinutes(5);

    /** A little more than a code with spaces ("123 456"): anything longer is not a code. */
    private static final int MAX_TYPED = 16;

    /** What the session keeps between the password and the code: who, and the password she gave. */
    record Pending(String name, String role, Instant passwordSetAt, Instant at) implements Serializable {}

    private final NodeUsers users;
    private final SecondFactors secondFactors;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final AuthenticationSuccessHandler signedIn;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    CodeSignIn(
            NodeUsers users,
            SecondFactors secondFactors,
            SignInThrottle throttle,
            Clock clock,
            AuthenticationSuccessHandler signedIn) {
        this.users = users;
        this.secondFactors = secondFactors;
        this.throttle = throttle;
        this.clock = clock;
        this.signedIn = signedIn;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && (request.getContextPath() + PATH).equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String base = request.getContextPath();
        HttpSession session = request.getSession(false);
        Pending pending = session == null ? null : (Pending) session.getAttribute(Pages.PENDING_CODE);
        if (pending == null) {
            response.sendRedirect(base + PageSessions.SIGN_IN);
            return;
        }
        if (!clock.instant().isBefore(pending.at().plus(PENDING_FOR))) {
            session.removeAttribute(Pages.PENDING_CODE);
            PasswordSignIn.log.info("Security event: {}: user {}", CODE_EXPIRED, pending.name());
            response.sendRedirect(base + PageSessions.SIGN_IN + "?expired");
            return;
        }
        String address = request.getRemoteAddr();
        if (throttle.locked(pending.name(), address)) {
            // The same answer as a throttled password, whoever it is; the password is asked again after.
            session.removeAttribute(Pages.PENDING_CODE);
            PasswordSignIn.log.warn("Security event: {}", PasswordSignIn.THROTTLED);
            response.sendRedirect(base + PageSessions.SIGN_IN + "?throttled");
            return;
        }
        Optional<NodeUsers.PasswordAccount> account = users.passwordAccount(pending.name());
        if (account.isEmpty()
                || !account.get().role().code().equals(pending.role())
                || !Objects.equals(account.get().passwordSetAt(), pending.passwordSetAt())) {
            // Disabled, given another role or another password since: start again.
            session.removeAttribute(Pages.PENDING_CODE);
            PasswordSignIn.log.info("Security event: {}: user {}", PageSessions.ACCOUNT_CHANGED, pending.name());
            response.sendRedirect(base + PageSessions.SIGN_IN + "?expired");
            return;
        }
        String typed = request.getParameter("code");
        SecondFactors.Check check = typed == null || typed.length() > MAX_TYPED
                ? SecondFactors.Check.WRONG
                : secondFactors.check(pending.name(), typed.replace(" ", ""));
        switch (check) {
            case ACCEPTED -> signIn(request, response, session, pending);
            case UNREADABLE -> {
                // Not her fault and not a guess: the key file is missing or another one. The admin must act.
                PasswordSignIn.log.error(
                        "Security event: {}: user {} (the TOTP key file keys/totp.key is missing or not the one"
                                + " her second factor was enrolled with: enrol her again)",
                        CODE_UNREADABLE,
                        pending.name());
                response.sendRedirect(base + PATH + "?error");
            }
            default -> {
                throttle.failed(pending.name(), address);
                PasswordSignIn.log.warn(
                        "Security event: {}: user {}",
                        check == SecondFactors.Check.REPLAYED ? CODE_REPLAYED : CODE_FAILED,
                        pending.name());
                response.sendRedirect(base + PATH + "?error");
            }
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, HttpSession session, Pending pending)
            throws IOException, ServletException {
        throttle.succeeded(pending.name());
        session.removeAttribute(Pages.PENDING_CODE);
        // A new id once more: the id seen before the code opens nothing after it.
        request.changeSessionId();
        Authentication user = UsernamePasswordAuthenticationToken.authenticated(
                pending.name(),
                null,
                List.of(new SimpleGrantedAuthority(
                        Role.parse(pending.role()).orElseThrow().authority())));
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(user);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        signedIn.onAuthenticationSuccess(request, response, user);
    }
}
