package org.tejido.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.tejido.platform.pages.Pages;

/**
 * Signing in to the pages with a name and a password, and signing out. Every failure gets the same
 * answer (unknown name, disabled user, user without a password, wrong password), in about the same
 * time (Spring's provider hashes a dummy password when there is no user). Throttled attempts are not
 * checked at all ({@link SignInThrottle}). Security events are logged by code; a failed attempt names
 * nobody, because what was typed in the name field may be anything, a password included.
 *
 * <p>A user with a second factor is not signed in by her password: the session only remembers that
 * the password was right ({@link CodeSignIn.Pending}) and she is sent to the code page, where
 * {@link CodeSignIn} signs her in. Coordinators and admins without a second factor are refused after
 * a right password, with a page telling them to ask for one (their failure to enrol is not a guess).
 */
final class PasswordSignIn implements AuthenticationProvider {
    static final Logger log = LoggerFactory.getLogger("org.tejido.security");

    static final String SUCCEEDED = "auth.sign-in.succeeded";
    static final String FAILED = "auth.sign-in.failed";
    static final String THROTTLED = "auth.sign-in.throttled";
    static final String SIGNED_OUT = "auth.signed-out";
    static final String CODE_ASKED = "auth.sign-in.code-asked";
    static final String SECOND_FACTOR_MISSING = "auth.sign-in.second-factor-missing";

    /** Details of a password-checked authentication that still needs its code (never a signed-in session). */
    private static final String CODE_NEEDED = "tejido.code-needed";

    /**
     * Roles that may not sign in without a second factor: coordinators decide what leaves the country
     * and may erase; admins run the node. A stolen password alone must not open either.
     */
    static final Set<Role> NEED_SECOND_FACTOR = EnumSet.of(Role.COORDINATOR, Role.ADMIN);

    private final NodeUsers users;
    private final SignInThrottle throttle;
    private final SecondFactors secondFactors;
    private final DaoAuthenticationProvider passwords;

    PasswordSignIn(NodeUsers users, SignInThrottle throttle, SecondFactors secondFactors) {
        this.users = users;
        this.throttle = throttle;
        this.secondFactors = secondFactors;
        this.passwords = new DaoAuthenticationProvider(name -> users.passwordAccount(name)
                .map(account -> User.withUsername(account.name())
                        .password(account.passwordHash())
                        .authorities(List.of(
                                new SimpleGrantedAuthority(account.role().authority())))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user with a password")));
        this.passwords.setPasswordEncoder(Passwords.encoder());
        this.passwords.setForcePrincipalAsString(true);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String name = attempt.getName();
        String address =
                attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "-";
        if (throttle.locked(name, address)) {
            throw new Throttled();
        }
        Object password = attempt.getCredentials();
        if (!(password instanceof String text) || text.length() > Passwords.MAX_LENGTH * 2) {
            throttle.failed(name, address);
            throw new BadCredentialsException("unusable password field");
        }
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(attempt);
        } catch (AuthenticationException e) {
            throttle.failed(name, address);
            throw e;
        }
        if (secondFactors.enrolled(signedIn.getName())) {
            // Not cleared yet: the name's failures count on until the code is right too, or an
            // attacker who has the password could guess codes without end, a password between tries.
            // Decided here, once: the success handler acts on this mark rather than asking the
            // database again, so a second factor removed in between cannot let the password alone in.
            UsernamePasswordAuthenticationToken needsCode = UsernamePasswordAuthenticationToken.authenticated(
                    signedIn.getPrincipal(), null, signedIn.getAuthorities());
            needsCode.setDetails(CODE_NEEDED);
            return needsCode;
        }
        String role = PageSessions.role(signedIn);
        if (NEED_SECOND_FACTOR.stream().anyMatch(r -> r.code().equals(role))) {
            throw new SecondFactorMissing(signedIn.getName(), role);
        }
        throttle.succeeded(name);
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * After a right password: the session starts (its clocks, and the password it was opened with),
     * unless the user has a second factor, in which case the code is asked first.
     */
    SavedRequestAwareAuthenticationSuccessHandler onSuccess(Clock clock, Duration idle) {
        return successHandler(clock, idle, true);
    }

    /** After a right code: the session starts. */
    SavedRequestAwareAuthenticationSuccessHandler onCode(Clock clock, Duration idle) {
        return successHandler(clock, idle, false);
    }

    private SavedRequestAwareAuthenticationSuccessHandler successHandler(Clock clock, Duration idle, boolean password) {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(
                    HttpServletRequest request, HttpServletResponse response, Authentication signedIn)
                    throws IOException, jakarta.servlet.ServletException {
                HttpSession session = request.getSession();
                if (password && CODE_NEEDED.equals(signedIn.getDetails())) {
                    askForCode(request, response, session, signedIn, clock);
                    return;
                }
                PageSessions.start(
                        session,
                        clock.instant(),
                        users.passwordAccount(signedIn.getName())
                                .map(NodeUsers.PasswordAccount::passwordSetAt)
                                .orElse(null),
                        idle);
                log.info(
                        "Security event: {}: user {} with role {}",
                        SUCCEEDED,
                        signedIn.getName(),
                        PageSessions.role(signedIn));
                super.onAuthenticationSuccess(request, response, signedIn);
            }
        };
        handler.setDefaultTargetUrl("/");
        handler.setAlwaysUseDefaultTargetUrl(false);
        return handler;
    }

    /**
     * The password was right and a code is needed: the session (already given a new id) forgets the
     * signed-in user Spring Security just saved in it and keeps only what the code step needs.
     */
    private void askForCode(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpSession session,
            Authentication signedIn,
            Clock clock)
            throws IOException {
        SecurityContextHolder.clearContext();
        session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        request.removeAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        session.setAttribute(
                Pages.PENDING_CODE,
                new CodeSignIn.Pending(
                        signedIn.getName(),
                        PageSessions.role(signedIn),
                        users.passwordAccount(signedIn.getName())
                                .map(NodeUsers.PasswordAccount::passwordSetAt)
                                .orElse(null),
                        clock.instant()));
        log.info("Security event: {}: user {}", CODE_ASKED, signedIn.getName());
        response.sendRedirect(request.getContextPath() + CodeSignIn.PATH);
    }

    /** The same page for every failure; throttled attempts are told to wait, whoever they name. */
    static AuthenticationFailureHandler onFailure() {
        return (request, response, e) -> {
            if (e instanceof SecondFactorMissing missing) {
                // The password was right: the name is a real user's, and the admin needs to see whom to enrol.
                log.warn("Security event: {}: user {} with role {}", SECOND_FACTOR_MISSING, missing.name, missing.role);
                response.sendRedirect(request.getContextPath() + "/sign-in?second-factor-required");
                return;
            }
            boolean throttled = e instanceof Throttled;
            log.warn("Security event: {}", throttled ? THROTTLED : FAILED);
            response.sendRedirect(request.getContextPath() + (throttled ? "/sign-in?throttled" : "/sign-in?error"));
        };
    }

    static LogoutSuccessHandler onSignOut() {
        return (request, response, signedOut) -> {
            if (signedOut != null) {
                log.info("Security event: {}: user {}", SIGNED_OUT, signedOut.getName());
            }
            response.sendRedirect(request.getContextPath() + "/sign-in?signed-out");
        };
    }

    /** A right password of a role that needs a second factor, by a user who has none. */
    static final class SecondFactorMissing extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        final String name;
        final String role;

        SecondFactorMissing(String name, String role) {
            super("a second factor is required for this role");
            this.name = name;
            this.role = role;
        }
    }

    /** Refused without checking the password: too many recent failures for this name or address. */
    static final class Throttled extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        Throttled() {
            super("too many failed sign-ins");
        }
    }
}
