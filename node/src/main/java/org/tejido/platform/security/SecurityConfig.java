package org.tejido.platform.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static org.tejido.platform.security.Role.ADMIN;
import static org.tejido.platform.security.Role.ANALYST;
import static org.tejido.platform.security.Role.AUDITOR;
import static org.tejido.platform.security.Role.COORDINATOR;
import static org.tejido.platform.security.Role.REGISTRAR;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.HeaderWriterLogoutHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ClearSiteDataHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.tejido.platform.problem.ProblemResponses;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may call what: the one table of the node's HTTP access control (documented in
 * docs/security.md), applied by two filter chains (ADR 0032). Programs call the API with a bearer
 * token, stateless, no cookie; people open the pages with a password and a session cookie, CSRF
 * tokens on every form. Every request needs a role named for its method and path, except the few
 * public addresses that hold no data. Anything not in the table is denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class SecurityConfig {

    /** Readable without credentials: they hold no data (liveness, and the API's own description). */
    static final List<String> PUBLIC = List.of("/actuator/health/**", "/v3/api-docs/**", "/v3/api-docs.yaml");

    /** Method + path pattern -> the roles that may call it. Anything else is denied. */
    static final List<Rule> TABLE = List.of(
            // Defenders, attacks and follow-ups: recorded, corrected and read by the network's registrars.
            rule(POST, "/api/defenders", REGISTRAR, COORDINATOR),
            rule(POST, "/api/defenders/{code}/profile-corrections", REGISTRAR, COORDINATOR),
            rule(PUT, "/api/defenders/{code}/identity", REGISTRAR, COORDINATOR),
            rule(GET, "/api/attacks", REGISTRAR, COORDINATOR),
            rule(POST, "/api/attacks", REGISTRAR, COORDINATOR),
            rule(GET, "/api/attacks/{attackId}", REGISTRAR, COORDINATOR),
            rule(POST, "/api/attacks/{attackId}/corrections", REGISTRAR, COORDINATOR),
            rule(POST, "/api/attacks/{attackId}/reclassifications", REGISTRAR, COORDINATOR),
            rule(POST, "/api/attacks/{attackId}/follow-ups", REGISTRAR, COORDINATOR),
            rule(POST, "/api/follow-ups/{followUpId}/status-changes", REGISTRAR, COORDINATOR),
            rule(POST, "/api/imports/attacks", REGISTRAR, COORDINATOR),
            // Consent decides what leaves the country: coordinators grant, revoke and write what is
            // shared; registrars may read it along with the case.
            rule(PUT, "/api/defenders/{code}/consent", COORDINATOR),
            rule(POST, "/api/defenders/{code}/consent/revocation", COORDINATOR),
            rule(PUT, "/api/attacks/{attackId}/consent", COORDINATOR),
            rule(POST, "/api/attacks/{attackId}/consent/revocation", COORDINATOR),
            rule(GET, "/api/attacks/{attackId}/consent", REGISTRAR, COORDINATOR),
            rule(PUT, "/api/attacks/{attackId}/sharing-summary", COORDINATOR),
            rule(GET, "/api/attacks/{attackId}/shared-view", REGISTRAR, COORDINATOR),
            // Identifying data: read by those who document (every read is logged); forgetting a
            // defender and reading who read what are the coordinator's.
            rule(GET, "/api/defenders/{code}", REGISTRAR, COORDINATOR),
            rule(POST, "/api/defenders/{code}/erasure", COORDINATOR),
            rule(GET, "/api/access-log", COORDINATOR),
            // The federation log, for those who verify it: what it shares and nothing more.
            rule(GET, "/api/federation/log/key", AUDITOR, COORDINATOR, ADMIN),
            rule(GET, "/api/federation/log/checkpoint", AUDITOR, COORDINATOR),
            rule(GET, "/api/federation/log/entries", AUDITOR, COORDINATOR),
            // The same log as C2SP tlog-tiles (leaves, never payloads), with proofs (docs/auditing.md).
            rule(GET, "/api/federation/log/tiles/checkpoint", AUDITOR, COORDINATOR),
            rule(GET, "/api/federation/log/tiles/tile/**", AUDITOR, COORDINATOR),
            rule(GET, "/api/federation/log/proofs/inclusion", AUDITOR, COORDINATOR),
            rule(GET, "/api/federation/log/proofs/consistency", AUDITOR, COORDINATOR),
            // Every origin's log as the aggregator stored and cosigned it: the auditors' alone.
            rule(GET, "/api/federation/witness-key", AUDITOR),
            rule(GET, "/api/federation/origins", AUDITOR),
            rule(GET, "/api/federation/origins/{originId}/tiles/checkpoint", AUDITOR),
            rule(GET, "/api/federation/origins/{originId}/tiles/tile/**", AUDITOR),
            rule(GET, "/api/federation/origins/{originId}/proofs/inclusion", AUDITOR),
            rule(GET, "/api/federation/origins/{originId}/proofs/consistency", AUDITOR),
            // The code lists: everyone who works with records or figures (not the technical admin).
            rule(GET, "/api/vocabulary", REGISTRAR, COORDINATOR, ANALYST, AUDITOR),
            rule(GET, "/api/vocabulary/{scheme}", REGISTRAR, COORDINATOR, ANALYST, AUDITOR),
            // Regional statistics (aggregator): the analysts' protected tables and releases; auditors read
            // releases and the key that signs them, to verify and recompute them.
            rule(GET, "/api/statistics/tables", ANALYST),
            rule(GET, "/api/statistics/freshness", ANALYST),
            rule(GET, "/api/statistics/releases", ANALYST, AUDITOR),
            rule(POST, "/api/statistics/releases", ANALYST),
            rule(GET, "/api/statistics/releases/{year}/{number}", ANALYST, AUDITOR),
            rule(GET, "/api/statistics/releases/{year}/{number}/note", ANALYST, AUDITOR),
            rule(GET, "/api/statistics/release-key", ANALYST, AUDITOR),
            // Running the node: projections and metrics (metrics reveal activity).
            rule(GET, "/api/admin/projections", ADMIN),
            rule(GET, "/api/admin/projections/{name}", ADMIN),
            rule(POST, "/api/admin/projections/{name}/replay", ADMIN),
            // Events a read model failed on and parked: listed without their content, retried, dropped.
            rule(GET, "/api/admin/projections/{name}/dead-letters", ADMIN),
            rule(POST, "/api/admin/projections/{name}/dead-letters/retry", ADMIN),
            rule(POST, "/api/admin/projections/{name}/dead-letters/{id}/retry", ADMIN),
            rule(DELETE, "/api/admin/projections/{name}/dead-letters/{id}", ADMIN),
            rule(GET, "/actuator/prometheus", ADMIN),
            // Pages for people, on the session chain. "/" sends each person to the first section her role
            // may open (HomePage), or says there is none yet.
            rule(GET, "/", REGISTRAR, COORDINATOR, ANALYST, AUDITOR, ADMIN),
            // The case list (no identifying data) for those who document.
            rule(GET, "/cases", REGISTRAR, COORDINATOR),
            // A case, the form that records one, and the POST that shows a case's identifying data (the
            // access log records it, as for GET /api/attacks/{attackId}).
            rule(GET, "/cases/new", REGISTRAR, COORDINATOR),
            rule(POST, "/cases/new", REGISTRAR, COORDINATOR),
            rule(GET, "/cases/{attackId}", REGISTRAR, COORDINATOR),
            rule(POST, "/cases/{attackId}/identifying-data", REGISTRAR, COORDINATOR),
            // The same address opened again (the language switch on that page): back to the case without it.
            rule(GET, "/cases/{attackId}/identifying-data", REGISTRAR, COORDINATOR),
            // Defenders for those who document, as POST /api/defenders and its corrections: finding one by
            // her code, registering her, her page, the POST that shows her identity (the access log records
            // it, as for GET /api/defenders/{code}?identity=true; its address opened again goes back to her
            // page), recording her identity and correcting her profile.
            rule(GET, "/defenders", REGISTRAR, COORDINATOR),
            rule(GET, "/defenders/new", REGISTRAR, COORDINATOR),
            rule(POST, "/defenders/new", REGISTRAR, COORDINATOR),
            rule(GET, "/defenders/{code}", REGISTRAR, COORDINATOR),
            rule(POST, "/defenders/{code}/identifying-data", REGISTRAR, COORDINATOR),
            rule(GET, "/defenders/{code}/identifying-data", REGISTRAR, COORDINATOR),
            rule(GET, "/defenders/{code}/identity", REGISTRAR, COORDINATOR),
            rule(POST, "/defenders/{code}/identity", REGISTRAR, COORDINATOR),
            rule(GET, "/defenders/{code}/profile", REGISTRAR, COORDINATOR),
            rule(POST, "/defenders/{code}/profile", REGISTRAR, COORDINATOR),
            // Consent, the coordinator's as in the API: the form, the POST that previews what would leave
            // the node, the POST that confirms it, the revocation (their addresses opened again by GET go
            // back to the form, sending nothing).
            rule(GET, "/cases/{attackId}/consent", COORDINATOR),
            rule(POST, "/cases/{attackId}/consent", COORDINATOR),
            rule(GET, "/cases/{attackId}/consent/confirmation", COORDINATOR),
            rule(POST, "/cases/{attackId}/consent/confirmation", COORDINATOR),
            rule(GET, "/cases/{attackId}/consent/revocation", COORDINATOR),
            rule(POST, "/cases/{attackId}/consent/revocation", COORDINATOR),
            rule(GET, "/defenders/{code}/consent", COORDINATOR),
            rule(POST, "/defenders/{code}/consent", COORDINATOR),
            rule(GET, "/defenders/{code}/consent/confirmation", COORDINATOR),
            rule(POST, "/defenders/{code}/consent/confirmation", COORDINATOR),
            rule(GET, "/defenders/{code}/consent/revocation", COORDINATOR),
            rule(POST, "/defenders/{code}/consent/revocation", COORDINATOR),
            // Forgetting a defender: the page that says what it destroys, and the POST that does it.
            rule(GET, "/defenders/{code}/erasure", COORDINATOR),
            rule(POST, "/defenders/{code}/erasure", COORDINATOR),
            // Changing a case from its page, as the API's corrections, reclassifications and follow-ups.
            // The correction form holds the identifying data: it opens by POST (logged, as above); its
            // GETs only send back to the case.
            rule(POST, "/cases/{attackId}/correction/form", REGISTRAR, COORDINATOR),
            rule(GET, "/cases/{attackId}/correction/form", REGISTRAR, COORDINATOR),
            rule(POST, "/cases/{attackId}/correction", REGISTRAR, COORDINATOR),
            rule(GET, "/cases/{attackId}/correction", REGISTRAR, COORDINATOR),
            rule(GET, "/cases/{attackId}/reclassification", REGISTRAR, COORDINATOR),
            rule(POST, "/cases/{attackId}/reclassification", REGISTRAR, COORDINATOR),
            rule(GET, "/cases/{attackId}/follow-ups/new", REGISTRAR, COORDINATOR),
            rule(POST, "/cases/{attackId}/follow-ups/new", REGISTRAR, COORDINATOR),
            rule(GET, "/cases/{attackId}/follow-ups/{followUpId}/status", REGISTRAR, COORDINATOR),
            rule(POST, "/cases/{attackId}/follow-ups/{followUpId}/status", REGISTRAR, COORDINATOR),
            // Importing a CSV: the form and its upload, as POST /api/imports/attacks.
            rule(GET, "/imports", REGISTRAR, COORDINATOR),
            rule(POST, "/imports", REGISTRAR, COORDINATOR),
            // Who read which identifying data: the coordinator's, as GET /api/access-log.
            rule(GET, "/access-log", COORDINATOR),
            // Whether the node's log reaches the aggregator: sizes, times and codes only. The coordinator
            // answers for what the network shares; the admin is the one who fixes a push that fails.
            rule(GET, "/federation", COORDINATOR, ADMIN),
            // Running the node: the projections and their replay, as /api/admin/projections.
            rule(GET, "/admin/projections", ADMIN),
            // The regional team's dashboard (aggregator): the protected provisional figures, a printable
            // report of them, and each table as CSV or JSON, the same bytes as /api/statistics/tables.
            rule(GET, "/statistics", ANALYST),
            rule(GET, "/statistics/report", ANALYST),
            rule(GET, "/statistics/export", ANALYST),
            rule(POST, "/admin/projections/{name}/replay", ADMIN));

    /** The page chain's addresses open to a signed-out visitor: signing in and what its page loads. */
    static final List<String> PAGE_PUBLIC = List.of(
            PageSessions.SIGN_IN,
            // The second step of signing in (the one-time code), between a right password and the session.
            CodeSignIn.PATH,
            "/css/**",
            "/js/**",
            "/webjars/**",
            "/favicon.ico");

    /** Signing out (POST with the form's CSRF token; done by the chain itself). */
    static final String SIGN_OUT = "/sign-out";

    /**
     * Every address the page chain answers: the public ones, signing out, the refusal page (reached only
     * by the chain's own forward) and every page rule of the table. Anything else is the API chain's.
     */
    static List<String> pagePaths() {
        List<String> paths = new java.util.ArrayList<>(PAGE_PUBLIC);
        paths.add(SIGN_OUT);
        paths.add(PageSessions.REFUSED);
        TABLE.stream().filter(Rule::page).map(Rule::path).distinct().forEach(paths::add);
        return List.copyOf(paths);
    }

    /** True when this path is answered by the page chain (for tests that walk every mapped endpoint). */
    static boolean onPageChain(String path) {
        return pagePaths().stream()
                .anyMatch(pattern -> org.springframework.web.util.pattern.PathPatternParser.defaultInstance
                        .parse(pattern)
                        .matches(org.springframework.http.server.PathContainer.parsePath(path)));
    }

    /**
     * The session chain for pages, tried first and only for {@link #pagePaths()}. Signing in with a
     * name and password ({@link PasswordSignIn}), throttled ({@link SignInThrottle}); sessions with an
     * idle and an absolute time-out ({@link PageSessions}); CSRF on every form; a strict
     * Content-Security-Policy (nothing but the node itself, no inline script or style).
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(
            HttpSecurity http,
            NodeUsers users,
            SecondFactors secondFactors,
            Clock clock,
            @Value("${tejido.web.session.idle-timeout:30m}") Duration idle,
            @Value("${tejido.web.session.absolute-timeout:8h}") Duration absolute,
            @Value("${tejido.web.sign-in.max-failures-per-name:5}") int maxPerName,
            @Value("${tejido.web.sign-in.max-failures-per-address:20}") int maxPerAddress,
            @Value("${tejido.web.sign-in.failure-window:15m}") Duration window,
            @Value("${tejido.web.sign-in.lockout:15m}") Duration lockout,
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie,
            @Value("${tejido.http.max-import:20MB}") DataSize maxUpload)
            throws Exception {
        // One throttle for both steps: a failed code counts like a failed password.
        SignInThrottle throttle =
                new SignInThrottle(new SignInThrottle.Limits(maxPerName, maxPerAddress, window, lockout), clock);
        PasswordSignIn signIn = new PasswordSignIn(users, throttle, secondFactors);
        CodeSignIn codeSignIn = new CodeSignIn(users, secondFactors, throttle, clock, signIn.onCode(clock, idle));
        PageSessions sessions = new PageSessions(users, clock, idle, absolute);
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setMatchingRequestParameterName(null); // no "?continue" added to the page's address
        http.securityMatcher(pagePaths().toArray(String[]::new))
                .authenticationManager(new ProviderManager(signIn))
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.requestCache(requestCache))
                .formLogin(form -> form.loginPage(PageSessions.SIGN_IN)
                        .loginProcessingUrl(PageSessions.SIGN_IN)
                        .usernameParameter("name")
                        .passwordParameter("password")
                        .successHandler(signIn.onSuccess(clock, idle))
                        .failureHandler(PasswordSignIn.onFailure())
                        .permitAll())
                .logout(logout -> logout.logoutUrl(SIGN_OUT)
                        .logoutSuccessHandler(PasswordSignIn.onSignOut())
                        .addLogoutHandler(new HeaderWriterLogoutHandler(new ClearSiteDataHeaderWriter(
                                ClearSiteDataHeaderWriter.Directive.CACHE,
                                ClearSiteDataHeaderWriter.Directive.COOKIES,
                                ClearSiteDataHeaderWriter.Directive.STORAGE)))
                        .deleteCookies(sessionCookie))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterAfter(sessions, SecurityContextHolderFilter.class)
                // Before the CSRF check, which reads the token from the upload's form fields and would
                // call an upload too large to read an expired form.
                .addFilterBefore(new UploadLimit(maxUpload), CsrfFilter.class)
                // After the CSRF check (CsrfFilter runs before the password form's filter).
                .addFilterAfter(codeSignIn, UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(sessions).accessDeniedHandler(sessions))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny()))
                .authorizeHttpRequests(auth -> {
                    // The refusal page, reached by the chain's own forward; errors of requests let through.
                    auth.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                            .permitAll();
                    for (String path : PAGE_PUBLIC) {
                        auth.requestMatchers(GET, path).permitAll();
                    }
                    // Answered by CodeSignIn before this point; listed so that nothing else is.
                    auth.requestMatchers(POST, CodeSignIn.PATH).permitAll();
                    for (Rule rule : TABLE) {
                        if (rule.page()) {
                            auth.requestMatchers(rule.method(), rule.path()).hasAnyRole(rule.roleCodes());
                        }
                    }
                    auth.anyRequest().denyAll();
                });
        return http.build();
    }

    /**
     * Only the node itself: no inline script or style (htmx is configured not to inject any), no
     * plugin, no framing, forms posted only to the node, no {@code <base>} to redirect relative links.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            NodeUsers users,
            MessageSource messages,
            LocaleResolver localeResolver,
            ObjectMapper json,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mvc)
            throws Exception {
        SecurityProblems problems = new SecurityProblems(messages, localeResolver, json);
        http.csrf(csrf -> csrf.disable()) // tokens in a header, no cookies: nothing for CSRF to ride on
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new BearerTokenFilter(users, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> {
                    // Rendering the error of a request that was already let through.
                    auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    for (String path : PUBLIC) {
                        auth.requestMatchers(GET, path).permitAll();
                    }
                    for (Rule rule : TABLE) {
                        if (!rule.page()) {
                            auth.requestMatchers(rule.method(), rule.path()).hasAnyRole(rule.roleCodes());
                        }
                    }
                    // Actuator endpoints other than the ones above (the index of links included).
                    auth.requestMatchers("/actuator", "/actuator/**").denyAll();
                    // A request that reaches no controller at all (unknown path, or a method the path
                    // does not have) is answered by Spring MVC with 404 or 405 to any signed-in user.
                    // A controller method missing from the table is not such a request: denied below.
                    auth.requestMatchers(noEndpoint(mvc)).authenticated();
                    auth.anyRequest().denyAll();
                });
        return http.build();
    }

    /** What the firewall refuses is answered as a problem detail too (RejectedRequests). */
    @Bean
    WebSecurityCustomizer rejectedRequestsAreProblems(ProblemResponses problems) {
        return web -> web.requestRejectedHandler(new RejectedRequests(problems));
    }

    /** True when no controller method of the application has this path and method. */
    static RequestMatcher noEndpoint(ObjectProvider<RequestMappingHandlerMapping> mvc) {
        return request -> {
            Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
            ServletRequestPathUtils.parseAndCache(request);
            try {
                return mvc.getObject().getHandlerMethods().keySet().stream()
                        .noneMatch(info -> samePathAndMethod(info, request));
            } finally {
                if (previous instanceof RequestPath path) {
                    request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, path);
                } else {
                    ServletRequestPathUtils.clearParsedRequestPath(request);
                }
            }
        };
    }

    private static boolean samePathAndMethod(RequestMappingInfo info, HttpServletRequest request) {
        if (info.getPathPatternsCondition() == null) {
            return true; // cannot tell: count it as an endpoint, so the request is denied
        }
        return info.getPathPatternsCondition().getMatchingCondition(request) != null
                && info.getMethodsCondition().getMatchingCondition(request) != null;
    }

    private static Rule rule(HttpMethod method, String path, Role... roles) {
        return new Rule(method, path, EnumSet.copyOf(List.of(roles)));
    }

    /** One line of the table. */
    record Rule(HttpMethod method, String path, Set<Role> roles) {
        /** A page for people (session chain); the rest is the API for programs (bearer chain). */
        boolean page() {
            return !path.startsWith("/api/") && !path.startsWith("/actuator/");
        }

        String[] roleCodes() {
            return roles.stream().map(Role::code).toArray(String[]::new);
        }
    }
}
