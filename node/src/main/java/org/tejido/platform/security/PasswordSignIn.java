package org.tejido.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Signing in to the pages with a name and a password, and signing out. Every failure gets the same
 * answer (unknown name, disabled user, user without a password, wrong password), in about the same
 * time (Spring's provider hashes a dummy password when there is no user). Throttled attempts are not
 * checked at all ({@link SignInThrottle}). Security events are logged by code; a failed attempt names
 * nobody, because what was typed in the name field may be anything, a password included.
 */
final class PasswordSignIn implements AuthenticationProvider {
    static final Logger log = LoggerFactory.getLogger("org.tejido.security");

    static final String SUCCEEDED = "auth.sign-in.succeeded";
    static final String FAILED = "auth.sign-in.failed";
    static final String THROTTLED = "auth.sign-in.throttled";
    static final String SIGNED_OUT = "auth.signed-out";

    private final NodeUsers users;
    private final SignInThrottle throttle;
    private final DaoAuthenticationProvider passwords;

    PasswordSignIn(NodeUsers users, SignInThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
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
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(name);
            return signedIn;
        } catch (AuthenticationException e) {
            throttle.failed(name, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Where the session starts: its clocks, and the password it was opened with. */
    SavedRequestAwareAuthenticationSuccessHandler onSuccess(Clock clock, Duration idle) {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(
                    HttpServletRequest request, HttpServletResponse response, Authentication signedIn)
                    throws IOException, jakarta.servlet.ServletException {
                HttpSession session = request.getSession();
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

    /** The same page for every failure; throttled attempts are told to wait, whoever they name. */
    static AuthenticationFailureHandler onFailure() {
        return (request, response, e) -> {
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

    /** Refused without checking the password: too many recent failures for this name or address. */
    static final class Throttled extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        Throttled() {
            super("too many failed sign-ins");
        }
    }
}
