package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.OneTimeCodes;
import org.tejido.support.PageClient;
import org.tejido.support.PageClient.Page;
import org.tejido.support.SecurityLog;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;
import org.tejido.support.TestUsers.Person;

/**
 * The page chain over real HTTP, as a browser meets it: signing in and out, the session cookie's
 * attributes, CSRF, time-outs, throttling, a wrong password that tells nothing about who exists,
 * signed-out visitors and roles not allowed on every mapped page (the same table as the API), and the
 * API chain untouched by sessions. One node with short time-outs; each test comes from its own client
 * address (X-Forwarded-For through loopback, as from a reverse proxy) so throttling in one does not
 * reach the others.
 */
class PageSecurityIT {
    static final String SESSION = "tejido-session";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " font-src 'self'; connect-src 'self'; object-src 'none'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    static ConfigurableApplicationContext node;
    static int port;

    @BeforeAll
    static void start() {
        node = TestNodes.start(
                TestDatabase.fresh(),
                "--tejido.web.session.idle-timeout=3s",
                "--tejido.web.session.absolute-timeout=6s",
                "--tejido.web.sign-in.lockout=3s",
                "--server.forward-headers-strategy=native");
        port = TestNodes.port(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** A browser with its own client address. */
    static PageClient browser() {
        return new PageClient(port).from("10.9.0." + ADDRESSES.getAndIncrement());
    }

    @Test
    void signingInOpensTheCaseListAndSigningOutEndsTheSession() {
        Person ana = TestUsers.person(node, "registrar");
        PageClient browser = browser();

        Page signedOut = browser.get("/cases?status=verified");
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.location()).isEqualTo("/sign-in");

        Page signInPage = browser.get("/sign-in");
        assertThat(signInPage.status()).isEqualTo(200);
        assertThat(signInPage.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(signInPage.body()).contains("<html lang=\"es\"").contains("Iniciar sesión");
        String cookieBeforeSignIn = browser.cookie(SESSION);

        Page signedIn = browser.post(
                "/sign-in", Map.of("name", ana.name(), "password", ana.password(), "_csrf", signInPage.csrf()));
        assertThat(signedIn.status()).isEqualTo(302);
        // Back to the page asked for, with its filters.
        assertThat(signedIn.location()).isEqualTo("/cases?status=verified");
        // A new session id on signing in: one planted before cannot be ridden.
        assertThat(browser.cookie(SESSION)).isNotNull().isNotEqualTo(cookieBeforeSignIn);

        Page cases = browser.get("/cases?status=verified");
        assertThat(cases.status()).isEqualTo(200);
        assertThat(cases.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(cases.header("Cache-Control")).contains("no-store");
        assertThat(cases.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(cases.body()).contains("<h1>Casos</h1>").contains(ana.name());
        assertThat(browser.get("/").location()).isEqualTo("/cases");

        String session = browser.cookie(SESSION);
        Page out = browser.signOut(cases);
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).isEqualTo("/sign-in?signed-out");
        assertThat(browser.get("/sign-in?signed-out").body()).contains("Ha cerrado la sesión.");
        assertThat(browser.get("/cases").location()).isEqualTo("/sign-in");
        // The old cookie, replayed, opens nothing.
        PageClient thief = browser();
        thief.setCookie(SESSION, session);
        assertThat(thief.get("/cases").location()).isEqualTo("/sign-in");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureOverTls() {
        Page plain = browser().get("/sign-in");
        String cookie = plain.setCookie(SESSION);
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        assertThat(cookie).doesNotContainIgnoringCase("Expires").doesNotContainIgnoringCase("Max-Age");

        Page tls = browser().header("X-Forwarded-Proto", "https").get("/sign-in");
        assertThat(tls.setCookie(SESSION))
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Secure");
        // Never carried in an address.
        assertThat(plain.body()).doesNotContainIgnoringCase("jsessionid");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        Person bea = TestUsers.person(node, "coordinator");
        PageClient browser = browser();
        browser.get("/sign-in");
        Page noToken = browser.post("/sign-in", Map.of("name", bea.name(), "password", bea.password()));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body()).contains("Este formulario caducó");
        Page wrongToken =
                browser.post("/sign-in", Map.of("name", bea.name(), "password", bea.password(), "_csrf", "x"));
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(browser.get("/cases").status()).as("not signed in").isEqualTo(302);

        assertThat(browser.signIn(bea).status()).isEqualTo(302);
        Page cases = browser.get("/cases");
        assertThat(cases.status()).isEqualTo(200);
        Page signOutWithoutToken = browser.post("/sign-out", Map.of());
        assertThat(signOutWithoutToken.status()).isEqualTo(403);
        assertThat(browser.get("/cases").status()).as("still signed in").isEqualTo(200);
        // Signing out by GET (a link, an image on another page) is not signing out.
        assertThat(browser.get("/sign-out").status()).isNotEqualTo(302);
        assertThat(browser.get("/cases").status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordTellsNothingAboutWhoExists() {
        Person carmen = TestUsers.person(node, "registrar");
        String tokenOnly = "it-token-only-" + System.nanoTime();
        node.getBean(NodeUsers.class).add(tokenOnly, "registrar");
        Person disabled = TestUsers.person(node, "registrar");
        node.getBean(NodeUsers.class).disable(disabled.name());
        String typedPassword = "typed-secret-" + System.nanoTime();

        try (SecurityLog log = SecurityLog.capture()) {
            List<Page> answers = new ArrayList<>();
            answers.add(browser().signIn(carmen.name(), typedPassword));
            answers.add(browser().signIn("nobody-" + System.nanoTime(), typedPassword));
            answers.add(browser().signIn(tokenOnly, typedPassword));
            answers.add(browser().signIn(disabled.name(), disabled.password()));
            answers.add(browser().signIn(typedPassword, typedPassword)); // a password typed as the name
            for (Page answer : answers) {
                assertThat(answer.status()).isEqualTo(302);
                assertThat(answer.location()).isEqualTo("/sign-in?error");
                assertThat(answer.setCookie(SESSION))
                        .as("no session for a failure")
                        .isEmpty();
            }
            assertThat(browser().get("/sign-in?error").body())
                    .contains("El nombre o la contraseña no son correctos.")
                    .doesNotContain(carmen.name());
            List<String> lines = log.lines();
            assertThat(lines.stream().filter(l -> l.contains("auth.sign-in.failed")))
                    .hasSize(5);
            assertThat(String.join("\n", lines))
                    .doesNotContain(typedPassword)
                    .doesNotContain(carmen.name())
                    .doesNotContain(disabled.password());
        }
        PageClient browser = browser();
        assertThat(browser.signIn(carmen.name(), carmen.password()).location()).isEqualTo("/");
    }

    @Test
    void throttlingHoldsPerNameAndPerAddressWhetherTheNameExistsOrNot() throws Exception {
        Person dora = TestUsers.person(node, "registrar");
        String nobody = "nobody-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(browser().signIn(dora.name(), "wrong password " + i).location())
                    .isEqualTo("/sign-in?error");
            assertThat(browser().signIn(nobody, "wrong password " + i).location())
                    .isEqualTo("/sign-in?error");
        }
        // From another address, the right password: refused without being checked, as an unknown name is.
        assertThat(browser().signIn(dora.name(), dora.password()).location()).isEqualTo("/sign-in?throttled");
        assertThat(browser().signIn(nobody, "anything at all").location()).isEqualTo("/sign-in?throttled");
        assertThat(browser().get("/sign-in?throttled").body())
                .contains("Demasiados intentos fallidos. Espere 1 minutos");

        // One address trying many names: refused from that address after 20, whatever the name.
        PageClient guesser = browser();
        Person eva = TestUsers.person(node, "registrar");
        for (int i = 0; i < 20; i++) {
            guesser.signIn("guess-" + i + "-" + System.nanoTime(), "wrong password");
        }
        assertThat(guesser.signIn(eva.name(), eva.password()).location()).isEqualTo("/sign-in?throttled");
        assertThat(browser().signIn(eva.name(), eva.password()).location()).isEqualTo("/");

        // The lockout ends (3 s here, 15 min by default).
        Thread.sleep(3_200);
        PageClient later = browser();
        assertThat(later.signIn(dora.name(), dora.password()).location()).isEqualTo("/");
        assertThat(later.get("/cases").status()).isEqualTo(200);
    }

    @Test
    void aSessionEndsWhenIdleAndAfterItsAbsoluteTimeOut() throws Exception {
        Person fe = TestUsers.person(node, "registrar");
        PageClient idle = browser();
        idle.signIn(fe.name(), fe.password());
        assertThat(idle.get("/cases").status()).isEqualTo(200);
        Thread.sleep(3_300);
        Page expired = idle.get("/cases");
        assertThat(expired.status()).isEqualTo(302);
        assertThat(expired.location()).isEqualTo("/sign-in?expired");
        assertThat(idle.get("/sign-in?expired").body()).contains("Su sesión terminó.");
        assertThat(idle.get("/cases").location()).isEqualTo("/sign-in");

        PageClient busy = browser();
        long signingIn = System.nanoTime();
        busy.signIn(fe.name(), fe.password());
        // The session began between these two instants: signing in can take a while on a loaded machine.
        long signedIn = System.nanoTime();
        // Active all along, a request a second: still ended at 6 s.
        while (System.nanoTime() - signingIn < 5_000_000_000L) {
            assertThat(busy.get("/cases").status()).isEqualTo(200);
            Thread.sleep(1_000);
        }
        Thread.sleep(Math.max(0, 6_200 - (System.nanoTime() - signedIn) / 1_000_000));
        assertThat(busy.get("/cases").location()).isEqualTo("/sign-in?expired");
    }

    @Test
    void aNewPasswordOrADisabledUserEndsHerSessions() {
        Person gala = TestUsers.person(node, "coordinator");
        PageClient browser = browser();
        browser.signIn(gala);
        assertThat(browser.get("/cases").status()).isEqualTo(200);
        node.getBean(NodeUsers.class).setPassword(gala.name(), "another synthetic passphrase".toCharArray());
        assertThat(browser.get("/cases").location()).isEqualTo("/sign-in?expired");

        browser.signIn(new Person(gala.name(), "another synthetic passphrase", gala.totpSecret()));
        assertThat(browser.get("/cases").status()).isEqualTo(200);
        node.getBean(NodeUsers.class).disable(gala.name());
        assertThat(browser.get("/cases").location()).isEqualTo("/sign-in?expired");
        assertThat(browser().signIn(gala.name(), "another synthetic passphrase").location())
                .isEqualTo("/sign-in?error");
    }

    /** A code that is surely not right now for this secret (none of the steps around the clock gives it). */
    static String wrongCode(String secret) {
        long now = OneTimeCodes.step(java.time.Instant.now());
        Set<String> around = new TreeSet<>();
        for (long step = now - 3; step <= now + 3; step++) {
            around.add(OneTimeCodes.code(secret, step));
        }
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", (i * 137_731) % 1_000_000);
            if (!around.contains(candidate)) {
                return candidate;
            }
        }
    }

    @Test
    void aUserWithASecondFactorIsAskedForTheCodeAndIsNotSignedInUntilItIsRight() {
        Person lucia = TestUsers.person(node, "coordinator");
        assertThat(lucia.totpSecret()).isNotNull();
        PageClient browser = browser();
        assertThat(browser.get("/cases?status=verified").location()).isEqualTo("/sign-in");
        String cookieBeforeSignIn = browser.cookie(SESSION);

        try (SecurityLog log = SecurityLog.capture()) {
            Page password = browser.signIn(lucia.name(), lucia.password());
            assertThat(password.status()).isEqualTo(302);
            assertThat(password.location()).isEqualTo("/sign-in/code");
            String cookieBetween = browser.cookie(SESSION);
            assertThat(cookieBetween).isNotNull().isNotEqualTo(cookieBeforeSignIn);

            // Between the two steps the session opens nothing: a signed-out visitor's answers.
            assertThat(browser.get("/cases").location()).isEqualTo("/sign-in");
            assertThat(browser.get("/").location()).isEqualTo("/sign-in");
            assertThat(browser.get("/api/attacks").status()).isEqualTo(401);

            Page form = browser.get("/sign-in/code");
            assertThat(form.status()).isEqualTo(200);
            assertThat(form.header("Content-Security-Policy")).isEqualTo(CSP);
            assertThat(form.body())
                    .contains("Código de verificación")
                    .contains("name=\"code\"")
                    .contains("autocomplete=\"one-time-code\"")
                    .doesNotContain(lucia.name());

            String wrong = wrongCode(lucia.totpSecret());
            Page refused = browser.code(wrong);
            assertThat(refused.location()).isEqualTo("/sign-in/code?error");
            assertThat(browser.get("/sign-in/code?error").body())
                    .contains("El código no es correcto o ya se usó.")
                    .doesNotContain(wrong);
            assertThat(browser.get("/cases?status=verified").location())
                    .as("still not signed in")
                    .isEqualTo("/sign-in");

            String right = lucia.code();
            // Typed with the space some apps show in the middle.
            Page signedIn = browser.code(right.substring(0, 3) + " " + right.substring(3));
            assertThat(signedIn.status()).isEqualTo(302);
            // Back to the page last asked for, with its filters.
            assertThat(signedIn.location()).isEqualTo("/cases?status=verified");
            assertThat(browser.cookie(SESSION))
                    .as("a new id after the code too")
                    .isNotEqualTo(cookieBetween);
            assertThat(browser.get("/cases").status()).isEqualTo(200);
            // The id seen between the steps opens nothing.
            PageClient thief = browser();
            thief.setCookie(SESSION, cookieBetween);
            assertThat(thief.get("/cases").location()).isEqualTo("/sign-in");

            String lines = String.join("\n", log.lines());
            assertThat(lines)
                    .contains("auth.sign-in.code-asked: user " + lucia.name())
                    .contains("auth.sign-in.code-failed: user " + lucia.name())
                    .contains("auth.sign-in.succeeded: user " + lucia.name() + " with role coordinator")
                    .doesNotContain(right)
                    .doesNotContain(wrong)
                    .doesNotContain(lucia.password());
        }
    }

    @Test
    void aCodeIsRefusedTheSecondTimeEvenWithinItsWindow() {
        Person marta = TestUsers.person(node, "admin");
        PageClient first = browser();
        assertThat(first.signIn(marta.name(), marta.password()).location()).isEqualTo("/sign-in/code");
        String code = marta.code();
        assertThat(first.code(code).location()).isEqualTo("/");

        // The same code again, from another browser with the right password: refused, and logged as such.
        PageClient second = browser();
        assertThat(second.signIn(marta.name(), marta.password()).location()).isEqualTo("/sign-in/code");
        try (SecurityLog log = SecurityLog.capture()) {
            assertThat(second.code(code).location()).isEqualTo("/sign-in/code?error");
            assertThat(String.join("\n", log.lines()))
                    .contains("auth.sign-in.code-replayed: user " + marta.name())
                    .doesNotContain(code);
        }
        // Nor an earlier step's code, though still inside the window.
        long used = OneTimeCodes.step(java.time.Instant.now());
        String earlier = OneTimeCodes.code(marta.totpSecret(), used - 1);
        if (!earlier.equals(code)) {
            assertThat(second.code(earlier).location()).isEqualTo("/sign-in/code?error");
        }
        assertThat(second.get("/cases").location()).isEqualTo("/sign-in");
        // The next step's code works, and goes on to the page last asked for.
        assertThat(second.code(marta.code()).location()).isEqualTo("/cases");
    }

    @Test
    void failedCodesAreThrottledLikePasswordsAndAPasswordDoesNotClearThem() throws Exception {
        Person nora = TestUsers.person(node, "coordinator");
        String wrong = wrongCode(nora.totpSecret());
        PageClient one = browser();
        assertThat(one.signIn(nora.name(), nora.password()).location()).isEqualTo("/sign-in/code");
        for (int i = 0; i < 3; i++) {
            assertThat(one.code(wrong).location()).isEqualTo("/sign-in/code?error");
        }
        // A right password from elsewhere does not clear the name's failures: only a right code does.
        PageClient two = browser();
        assertThat(two.signIn(nora.name(), nora.password()).location()).isEqualTo("/sign-in/code");
        for (int i = 0; i < 2; i++) {
            assertThat(two.code(wrong).location()).isEqualTo("/sign-in/code?error");
        }
        // Five failures for the name: refused without a check, even the right code, with the password's answer.
        assertThat(two.code(nora.code()).location()).isEqualTo("/sign-in?throttled");
        assertThat(two.get("/cases").location()).isEqualTo("/sign-in");
        assertThat(browser().signIn(nora.name(), nora.password()).location()).isEqualTo("/sign-in?throttled");

        // The lockout ends (3 s here); then both steps work.
        Thread.sleep(3_200);
        PageClient later = browser();
        assertThat(later.signIn(nora).location()).isEqualTo("/");
        assertThat(later.get("/cases").status()).isEqualTo(200);
    }

    @Test
    void coordinatorsAndAdminsWithoutASecondFactorAreRefusedRegistrarsAreNot() {
        for (String role : List.of("coordinator", "admin")) {
            Person without = TestUsers.withoutSecondFactor(node, role);
            PageClient browser = browser();
            try (SecurityLog log = SecurityLog.capture()) {
                Page refused = browser.signIn(without.name(), without.password());
                assertThat(refused.location()).as(role).isEqualTo("/sign-in?second-factor-required");
                assertThat(String.join("\n", log.lines()))
                        .contains("auth.sign-in.second-factor-missing: user " + without.name() + " with role " + role)
                        .doesNotContain(without.password());
            }
            assertThat(browser.get("/sign-in?second-factor-required").body())
                    .contains("Su rol necesita un segundo factor")
                    .contains("ejecute &quot;users totp&quot; para su usuario");
            assertThat(browser().get("/sign-in?second-factor-required&lang=en").body())
                    .contains("Your role needs a second factor")
                    .contains("Ask the administrator of your node to run &quot;users totp&quot; for your user");
            assertThat(browser.get("/cases").location()).as(role).isEqualTo("/sign-in");
            assertThat(browser.get("/sign-in/code").body()).contains("Primero inicie sesión");
        }
        // A registrar without one signs in with her password alone.
        Person registrar = TestUsers.withoutSecondFactor(node, "registrar");
        PageClient browser = browser();
        assertThat(browser.signIn(registrar.name(), registrar.password()).location())
                .isEqualTo("/");
        assertThat(browser.get("/cases").status()).isEqualTo(200);
        // A registrar who has one is asked for it.
        Person careful = TestUsers.withSecondFactor(node, TestUsers.withoutSecondFactor(node, "registrar"));
        PageClient other = browser();
        assertThat(other.signIn(careful.name(), careful.password()).location()).isEqualTo("/sign-in/code");
        assertThat(other.get("/cases").location()).isEqualTo("/sign-in");
        assertThat(other.code(careful.code()).location()).isEqualTo("/cases");
        // Tokens are not touched: a coordinator's token opens the API without any code.
        assertThat(new Http(port)
                        .as(TestUsers.token(node, "coordinator"))
                        .get("/api/attacks")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theCodeFormNeedsItsCsrfTokenAndAPasswordJustBefore() {
        Person olga = TestUsers.person(node, "coordinator");
        PageClient browser = browser();
        // Without a password just before: nothing to verify, whatever is sent.
        Page nothing = browser.get("/sign-in/code");
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.body()).contains("Primero inicie sesión").doesNotContain("name=\"code\"");
        assertThat(browser.post(
                                "/sign-in/code",
                                Map.of(
                                        "code",
                                        olga.code(),
                                        "_csrf",
                                        browser.get("/sign-in").csrf()))
                        .location())
                .isEqualTo("/sign-in");
        assertThat(browser.get("/cases").location()).isEqualTo("/sign-in");

        assertThat(browser.signIn(olga.name(), olga.password()).location()).isEqualTo("/sign-in/code");
        String code = olga.code();
        Page noToken = browser.post("/sign-in/code", Map.of("code", code));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body()).contains("Este formulario caducó");
        assertThat(browser.post("/sign-in/code", Map.of("code", code, "_csrf", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(browser.get("/cases").location()).isEqualTo("/sign-in");
        // The code was not spent by the refused forms.
        assertThat(browser.code(code).location()).isEqualTo("/cases");
    }

    record PageEndpoint(HttpMethod method, String pattern) {}

    /** Every controller method on the page chain, read from Spring MVC (a new page cannot be forgotten). */
    static List<PageEndpoint> pages() {
        Set<String> seen = new TreeSet<>();
        List<PageEndpoint> pages = new ArrayList<>();
        RequestMappingHandlerMapping mvc =
                node.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mvc.getHandlerMethods().keySet()) {
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (!SecurityConfig.onPageChain(pattern)) {
                    continue;
                }
                List<HttpMethod> methods =
                        info.getMethodsCondition().getMethods().isEmpty()
                                ? List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)
                                : info.getMethodsCondition().getMethods().stream()
                                        .map(m -> HttpMethod.valueOf(m.name()))
                                        .toList();
                for (HttpMethod method : methods) {
                    if (seen.add(method + " " + pattern)) {
                        pages.add(new PageEndpoint(method, pattern));
                    }
                }
            }
        }
        return pages;
    }

    static EnumSet<Role> allowed(PageEndpoint page) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (SecurityConfig.Rule rule : SecurityConfig.TABLE) {
            if (rule.method().equals(page.method())
                    && PathPatternParser.defaultInstance
                            .parse(rule.path())
                            .matches(PathContainer.parsePath(page.pattern()))) {
                roles.addAll(rule.roles());
            }
        }
        return roles;
    }

    /**
     * A page's address with its variables filled in: a case that exists and one of its follow-ups, a
     * defender that exists, and a projection that exists, so an allowed role gets the page. The
     * projection is one that refuses a replay (its page says so): a replay here would empty the case
     * list under the tests that run after this one.
     */
    static String address(PageEndpoint page, String attackId, String followUpId, String code) {
        return page.pattern()
                .replace("{attackId}", attackId)
                .replace("{followUpId}", followUpId)
                .replace("{code}", code)
                .replace("{name}", "federation-log");
    }

    /** A follow-up opened on the case through the API. */
    static String openedFollowUp(String attackId) {
        Http.Response opened = TestUsers.http(node, port, "registrar")
                .postJson(
                        "/api/attacks/" + attackId + "/follow-ups",
                        "{\"kind\":\"alert\",\"status\":\"requested\",\"startedOn\":\"1963-06-01\"}");
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().path("followUpId").asText();
    }

    /** A defender registered through the API, once her page can show her. */
    static String registeredDefender() {
        String code = Fixtures.newDefenderCode("GT");
        Http registrar = TestUsers.http(node, port, "registrar");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> registrar.get("/api/defenders/" + code).status() == 200);
        return code;
    }

    /** An attack recorded through the API, with identifying data, in a year of its own. */
    static String recordedAttack(String municipality, String narrative) {
        Http.Response created = TestUsers.http(node, port, "registrar")
                .postJson(
                        "/api/attacks",
                        Fixtures.attack()
                                .occurredOn("1963-05-02")
                                .place("GT", null)
                                .types("death-threat", "smear-campaign")
                                .municipality(municipality)
                                .narrative(narrative)
                                .json());
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("attackId").asText();
    }

    @Test
    void everyPageRefusesSignedOutVisitorsAndRolesTheTableDoesNotName() {
        List<PageEndpoint> pages = pages();
        String attackId = recordedAttack("Municipio Sintético", "Relato sintético");
        String code = registeredDefender();
        String followUpId = openedFollowUp(attackId);
        // The follow-up pages find it in the case's read model.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> TestUsers.http(node, port, "registrar")
                        .get("/api/attacks/" + attackId)
                        .body()
                        .contains(followUpId));
        assertThat(pages)
                .extracting(PageEndpoint::pattern)
                .contains(
                        "/cases",
                        "/",
                        "/sign-in",
                        "/refused",
                        "/cases/new",
                        "/cases/{attackId}",
                        "/cases/{attackId}/identifying-data",
                        "/cases/{attackId}/consent",
                        "/cases/{attackId}/consent/confirmation",
                        "/cases/{attackId}/consent/revocation",
                        "/defenders",
                        "/defenders/new",
                        "/defenders/{code}",
                        "/defenders/{code}/identifying-data",
                        "/defenders/{code}/identity",
                        "/defenders/{code}/profile",
                        "/defenders/{code}/consent",
                        "/defenders/{code}/consent/confirmation",
                        "/defenders/{code}/consent/revocation",
                        "/defenders/{code}/erasure",
                        "/cases/{attackId}/correction/form",
                        "/cases/{attackId}/correction",
                        "/cases/{attackId}/reclassification",
                        "/cases/{attackId}/follow-ups/new",
                        "/cases/{attackId}/follow-ups/{followUpId}/status",
                        "/imports",
                        "/access-log",
                        "/federation",
                        "/admin/projections",
                        "/admin/projections/{name}/replay");
        SoftAssertions soft = new SoftAssertions();
        for (PageEndpoint page : pages) {
            if (page.method() == HttpMethod.GET && SecurityConfig.PAGE_PUBLIC.contains(page.pattern())) {
                soft.assertThat(browser().get(page.pattern()).status())
                        .as(page.toString())
                        .isEqualTo(200);
            } else if (page.method() == HttpMethod.GET) {
                soft.assertThat(browser()
                                .get(address(page, attackId, followUpId, code))
                                .location())
                        .as(page + " signed out")
                        .isEqualTo("/sign-in");
            }
        }
        // One role at a time, signed in just before: the sessions here end after 3 s idle.
        for (Role role : Role.values()) {
            Person person = TestUsers.person(node, role.code());
            PageClient browser = browser();
            assertThat(browser.signIn(person).status()).isEqualTo(302);
            for (PageEndpoint page : pages) {
                if (page.method() == HttpMethod.GET && SecurityConfig.PAGE_PUBLIC.contains(page.pattern())) {
                    continue;
                }
                Page answer = page.method() == HttpMethod.GET
                        ? browser.get(address(page, attackId, followUpId, code))
                        : browser.post(
                                address(page, attackId, followUpId, code),
                                Map.of("_csrf", browser.get("/sign-in").csrf()));
                if (allowed(page).contains(role)) {
                    soft.assertThat(answer.status()).as(page + " as " + role).isIn(200, 302);
                    soft.assertThat(answer.location()).as(page + " as " + role).doesNotStartWith("/sign-in");
                    if (page.method() == HttpMethod.POST) {
                        // The same form without its token: refused, whoever sends it.
                        soft.assertThat(browser.post(address(page, attackId, followUpId, code), Map.of())
                                        .status())
                                .as(page + " without its CSRF token as " + role)
                                .isEqualTo(403);
                    }
                } else {
                    soft.assertThat(answer.status()).as(page + " as " + role).isEqualTo(403);
                    soft.assertThat(answer.body())
                            .as(page + " as " + role)
                            .contains("Su rol no puede abrir esta página.");
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void theApiChainIgnoresSessionsAndPagesIgnoreTokens() {
        Person hana = TestUsers.person(node, "registrar");
        PageClient browser = browser();
        browser.signIn(hana.name(), hana.password());
        assertThat(browser.get("/cases").status()).isEqualTo(200);
        // The session cookie opens no API call: the API takes bearer tokens only, so no CSRF to fear there.
        Page api = browser.get("/api/attacks");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.header("Set-Cookie")).isEmpty();

        // A token opens the API, not the pages.
        String token = TestUsers.token(node, "registrar");
        assertThat(new Http(port).as(token).get("/api/attacks").status()).isEqualTo(200);
        Page withToken = browser().header("Authorization", "Bearer " + token).get("/cases");
        assertThat(withToken.status()).isEqualTo(302);
        assertThat(withToken.location()).isEqualTo("/sign-in");
        // API answers carry no session cookie, even after a page was opened from the same client.
        assertThat(new Http(port).get("/api/attacks").status()).isEqualTo(401);
    }

    @Test
    void theLanguageIsSpanishByDefaultEnglishByChoiceAndNothingElse() {
        PageClient browser = browser();
        assertThat(browser.get("/sign-in").body()).contains("<html lang=\"es\"").contains("Iniciar sesión");
        Page english = browser.get("/sign-in?lang=en");
        assertThat(english.body()).contains("<html lang=\"en\"").contains("Sign in");
        assertThat(english.setCookie("lang"))
                .startsWith("lang=en")
                .contains("HttpOnly")
                .contains("SameSite=Strict");
        assertThat(browser.get("/sign-in").body()).as("kept in the cookie").contains("<html lang=\"en\"");
        Page french = browser.get("/sign-in?lang=fr");
        assertThat(french.body()).contains("<html lang=\"en\"");
        assertThat(french.setCookie("lang")).isEmpty();
        assertThat(browser().header("Accept-Language", "en").get("/sign-in").body())
                .contains("<html lang=\"en\"");
        assertThat(browser().header("Accept-Language", "fr").get("/sign-in").body())
                .contains("<html lang=\"es\"");
    }

    @Test
    void filtersThatCannotBeReadAreExplainedOnThePageAndLoggedByFieldOnly() {
        Person ines = TestUsers.person(node, "registrar");
        PageClient browser = browser();
        browser.signIn(ines.name(), ines.password());
        String typed = "typed-" + System.nanoTime();
        try (SecurityLog log = SecurityLog.capture()) {
            Page page = browser.get("/cases?from=2024-13-40&type=" + typed + "&after=" + typed);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body())
                    .contains("role=\"alert\"")
                    .contains("Escriba la fecha como año-mes-día")
                    .contains("Elija un valor de la lista.")
                    .contains("Esta dirección de página no es una que la lista haya dado.")
                    .contains("aria-invalid=\"true\" aria-describedby=\"from-error\"")
                    .contains("aria-invalid=\"true\" aria-describedby=\"type-error\"");
            assertThat(String.join("\n", log.lines()))
                    .contains("from=page.cases.error.date")
                    .doesNotContain(typed);
        }
    }

    @Test
    void identifyingDataIsShownOnlyAfterAPostWithItsTokenAndTheAccessLogRecordsIt() {
        String municipality = "Municipio-" + System.nanoTime();
        String narrative = "Relato sintético " + System.nanoTime();
        String attackId = recordedAttack(municipality, narrative);
        Person julia = TestUsers.person(node, "registrar");
        PageClient browser = browser();
        browser.signIn(julia.name(), julia.password());
        Http coordinator = TestUsers.http(node, port, "coordinator");
        String readsOfIt = "/api/access-log?subjectKind=attack&subjectId=" + attackId;

        try (SecurityLog log = SecurityLog.capture()) {
            Page detail = browser.get("/cases/" + attackId);
            assertThat(detail.status()).isEqualTo(200);
            assertThat(detail.body())
                    .contains("Amenaza de muerte")
                    .contains("death-threat")
                    .contains("Guatemala")
                    .contains("1963-05-02")
                    .contains("Registrada") // the history's first event
                    .contains("action=\"/cases/" + attackId + "/identifying-data\"")
                    .doesNotContain(municipality)
                    .doesNotContain(narrative);
            // The case list links to it and shows none of it either.
            Page list = browser.get("/cases?from=1963-01-01&to=1963-12-31");
            assertThat(list.body())
                    .contains("href=\"/cases/" + attackId + "\"")
                    .doesNotContain(municipality)
                    .doesNotContain(narrative);
            assertThat(coordinator.get(readsOfIt).json()).isEmpty();

            Page noToken = browser.post("/cases/" + attackId + "/identifying-data", Map.of());
            assertThat(noToken.status()).isEqualTo(403);
            assertThat(noToken.body()).doesNotContain(narrative);
            // The address of the page that shows it, opened again (e.g. by the language switch): the case
            // without it, in the language asked for.
            Page viaGet = browser.get("/cases/" + attackId + "/identifying-data?lang=en");
            assertThat(viaGet.status()).isEqualTo(302);
            assertThat(viaGet.location()).isEqualTo("/cases/" + attackId);
            assertThat(viaGet.body()).doesNotContain(narrative);
            assertThat(browser.get(viaGet.location()).body())
                    .contains("<html lang=\"en\"")
                    .doesNotContain(narrative);
            browser.get("/cases/" + attackId + "?lang=es");
            assertThat(coordinator.get(readsOfIt).json()).isEmpty();

            Page revealed = browser.post("/cases/" + attackId + "/identifying-data", Map.of("_csrf", detail.csrf()));
            assertThat(revealed.status()).isEqualTo(200);
            assertThat(revealed.header("Cache-Control")).contains("no-store");
            assertThat(revealed.body()).contains(municipality).contains(narrative);
            // The access log is a projection, fed in the events' order: once the reveal's entry is
            // there, an entry from any request before it would be there too.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> !coordinator.get(readsOfIt).json().isEmpty());
            var reads = coordinator.get(readsOfIt).json();
            assertThat(reads).hasSize(1);
            assertThat(reads.get(0).path("reader").asText()).isEqualTo(julia.name());
            assertThat(String.join("\n", log.lines())).doesNotContain(narrative).doesNotContain(municipality);
        }
        // The history: each event, what it changed and the reason given.
        Http registrarApi = TestUsers.http(node, port, "registrar");
        String reason = "Fecha corregida tras la entrevista " + System.nanoTime();
        String corrected = Fixtures.attack()
                .occurredOn("1963-05")
                .place("GT", null)
                .municipality(municipality)
                .narrative(narrative)
                .facts();
        assertThat(registrarApi
                        .postJson(
                                "/api/attacks/" + attackId + "/corrections",
                                "{\"facts\":" + corrected + ",\"reason\":\"" + reason + "\"}")
                        .status())
                .isEqualTo(204);
        String history = browser.get("/cases/" + attackId).body();
        assertThat(history)
                .contains("Registrada")
                .contains("Hechos corregidos")
                .contains("<li>Fecha</li>")
                .doesNotContain("<li>Lugar</li>")
                .contains(reason)
                .contains("Se conoce el mes")
                .doesNotContain(narrative);
        assertThat(browser.get("/cases/" + java.util.UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(browser.get("/cases/not-a-case").status()).isEqualTo(404);
    }

    @Test
    void aDefendersConsentPreviewIsBoundedSendsNothingAndHerIdentityIsLoggedOnlyWhenShown() {
        String code = registeredDefender();
        Http registrarApi = TestUsers.http(node, port, "registrar");
        Http coordinatorApi = TestUsers.http(node, port, "coordinator");
        String narrative = "Relato sintético " + System.nanoTime();
        int previewed = 5; // ConsentPage.PREVIEWED_ATTACKS: the preview stays bounded
        int named = previewed + 1;
        for (int i = 0; i < named; i++) {
            assertThat(registrarApi
                            .postJson(
                                    "/api/attacks",
                                    Fixtures.attack()
                                            .defenders(code)
                                            .place("GT", null)
                                            .occurredOn("1961-03-0" + (i + 1))
                                            .narrative(narrative)
                                            .json())
                            .status())
                    .isEqualTo(201);
        }
        String fullName = "Nombre Sintético " + System.nanoTime();
        try (SecurityLog log = SecurityLog.capture()) {
            // A registrar records her identity on the page: not on her page until the POST that logs it.
            PageClient registrar = browser();
            registrar.signIn(TestUsers.person(node, "registrar"));
            Page form = registrar.get("/defenders/" + code + "/identity");
            Page refused = registrar.post(
                    "/defenders/" + code + "/identity", Map.of("_csrf", form.csrf(), "exactAddress", fullName));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("aria-invalid=\"true\" aria-describedby=\"fullName-error\"")
                    .contains("href=\"#fullName\"");
            Page recorded = registrar.post(
                    "/defenders/" + code + "/identity",
                    Map.of("_csrf", form.csrf(), "fullName", fullName, "contacts", "a\nb"));
            assertThat(recorded.status()).isEqualTo(303);
            assertThat(recorded.location()).isEqualTo("/defenders/" + code);
            Page withheld = registrar.get("/defenders/" + code);
            assertThat(withheld.body()).doesNotContain(fullName).contains("/defenders/" + code + "/identifying-data");
            String reads = "/api/access-log?subjectKind=defender&subjectId=" + code;
            assertThat(coordinatorApi.get(reads).json()).isEmpty();
            Page shown = registrar.post("/defenders/" + code + "/identifying-data", Map.of("_csrf", form.csrf()));
            assertThat(shown.body()).contains(fullName);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> coordinatorApi.get(reads).json().size() == 1);
            assertThat(String.join("\n", log.lines()))
                    .contains("fullName=page.defender.error.field.required")
                    .doesNotContain(fullName);
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> node.getBean(org.tejido.national.consent.EffectiveConsent.class)
                                .countAttacksNaming(code)
                        == named);

        // A coordinator previews her consent: a bounded list of the attacks naming her, nothing recorded.
        PageClient coordinator = browser();
        coordinator.signIn(TestUsers.person(node, "coordinator"));
        Page consentForm = coordinator.get("/defenders/" + code + "/consent");
        assertThat(consentForm.status()).isEqualTo(200);
        Page preview = coordinator.post(
                "/defenders/" + code + "/consent",
                Map.of(
                        "_csrf", consentForm.csrf(),
                        "scope", "statistics",
                        "basis", "informed-written",
                        "grantorKind", "defender",
                        "grantedOn", "2025-01-01"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().split("class=\"preview\"", -1)).hasSize(previewed + 1);
        assertThat(preview.body())
                .contains("id=\"more\"")
                .contains("Y un caso más que la nombra")
                .contains("1961-03")
                .doesNotContain(narrative)
                .doesNotContain("1961-03-01");
        assertThat(coordinatorApi.get("/api/defenders/" + code).status()).isEqualTo(200);
        Page badDate = coordinator.post(
                "/defenders/" + code + "/consent/confirmation",
                Map.of(
                        "_csrf", consentForm.csrf(),
                        "scope", "statistics",
                        "basis", "informed-written",
                        "grantorKind", "defender",
                        "grantedOn", "2025-13-01"));
        assertThat(badDate.status()).isEqualTo(200);
        assertThat(badDate.body()).contains("id=\"grantedOn-error\"").contains("Escriba la fecha como año-mes-día");
        // Neither the preview nor the refused confirmation recorded anything: she still has no consent.
        assertThat(node.getBean(org.tejido.national.consent.EffectiveConsent.class)
                        .activeScope(org.tejido.national.consent.ConsentSubject.defender(code)))
                .isEmpty();
    }

    @Test
    void recordingAnAttackKeepsWhatWasTypedOnErrorsChangesNothingAndThenRecordsIt() {
        Person karla = TestUsers.person(node, "registrar");
        PageClient browser = browser();
        browser.signIn(karla.name(), karla.password());
        Http api = TestUsers.http(node, port, "registrar");
        String year1962 = "/api/attacks?from=1962-01-01&to=1962-12-31&size=100";
        int before = api.get(year1962).json().path("items").size();
        String municipality = "Municipio-" + System.nanoTime();
        Page form = browser.get("/cases/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Amenaza de muerte").contains("death-threat");

        try (SecurityLog log = SecurityLog.capture()) {
            // No year and no type of aggression: both refused at once, beside their fields and above.
            Page refused = browser.post(
                    "/cases/new",
                    Map.of(
                            "_csrf", form.csrf(),
                            "month", "4",
                            "country", "MX",
                            "subdivision", "MX-CHP",
                            "municipality", municipality,
                            "targetKind", "defender",
                            "status", "verified"));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("role=\"alert\"")
                    .contains("href=\"#year\"")
                    .contains("href=\"#types\"")
                    .contains("id=\"year-error\"")
                    .contains("id=\"types-error\"")
                    .contains("aria-invalid=\"true\" aria-describedby=\"date-hint year-error\"")
                    .contains("Elija al menos un tipo de agresión.")
                    .contains("value=\"" + municipality + "\"")
                    .contains("value=\"4\"");
            assertThat(String.join("\n", log.lines()))
                    .contains("types=page.record.error.attack.aggression-type-required")
                    .doesNotContain(municipality);
        }
        assertThat(api.get(year1962).json().path("items").size()).isEqualTo(before);

        Page recorded = browser.post(
                "/cases/new",
                Map.of(
                        "_csrf", form.csrf(),
                        "year", "1962",
                        "month", "4",
                        "country", "MX",
                        "subdivision", "MX-CHP",
                        "municipality", municipality,
                        "targetKind", "defender",
                        "types", "death-threat",
                        "status", "verified"));
        assertThat(recorded.status()).isEqualTo(303);
        assertThat(recorded.location()).startsWith("/cases/");
        String attackId = recorded.location().substring("/cases/".length());
        // The case is read from its projection, which follows the events a moment later.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> api.get("/api/attacks/" + attackId).status() == 200);
        var attack = api.get("/api/attacks/" + attackId).json();
        assertThat(attack.path("facts").path("occurredOn").asText()).isEqualTo("1962-04");
        assertThat(attack.path("facts").path("location").path("municipality").asText())
                .isEqualTo(municipality);
        assertThat(attack.path("classification").path("aggressionTypes").toString())
                .isEqualTo("[\"death-threat\"]");
        assertThat(browser.get(recorded.location()).body()).contains("1962-04").contains("Se conoce el mes");
    }

    @Test
    void changingACaseFromItsPagesTakesASignedInRegistrarAndTheFormsTokenAndTheHistorySaysWho() {
        String municipality = "Municipio-" + System.nanoTime();
        String narrative = "Relato sintético " + System.nanoTime();
        String attackId = recordedAttack(municipality, narrative);
        String followUpId = openedFollowUp(attackId);
        Http api = TestUsers.http(node, port, "registrar");
        readable(attackId);
        List<String> posts = List.of(
                "/cases/" + attackId + "/correction/form",
                "/cases/" + attackId + "/correction",
                "/cases/" + attackId + "/reclassification",
                "/cases/" + attackId + "/follow-ups/new",
                "/cases/" + attackId + "/follow-ups/" + followUpId + "/status");
        Map<String, String> correction = Map.of(
                "year", "1963",
                "month", "5",
                "day", "3",
                "country", "GT",
                "targetKind", "defender",
                "status", "verified",
                "reason", "Fecha corregida");
        // Signed out, with a token of the sign-in page: sent to sign in, nothing read or changed.
        PageClient signedOut = browser();
        String signInToken = signedOut.get("/sign-in").csrf();
        for (String post : posts) {
            Map<String, String> form = new java.util.HashMap<>(correction);
            form.put("_csrf", signInToken);
            Page answer = signedOut.post(post, form);
            assertThat(answer.status()).as(post).isEqualTo(302);
            assertThat(answer.location()).as(post).isEqualTo("/sign-in");
            assertThat(answer.body()).as(post).doesNotContain(narrative);
        }
        // Signed in, without the form's token: refused, nothing read or changed.
        Person lola = TestUsers.person(node, "registrar");
        PageClient browser = browser();
        browser.signIn(lola);
        for (String post : posts) {
            Page answer = browser.post(post, correction);
            assertThat(answer.status()).as(post).isEqualTo(403);
            assertThat(answer.body()).as(post).doesNotContain(narrative);
        }
        assertThat(api.get("/api/attacks/" + attackId)
                        .json()
                        .path("facts")
                        .path("occurredOn")
                        .asText())
                .isEqualTo("1963-05-02");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        String readsOfIt = "/api/access-log?subjectKind=attack&subjectId=" + attackId;

        try (SecurityLog log = SecurityLog.capture()) {
            Page detail = browser.get("/cases/" + attackId);
            assertThat(detail.body())
                    .contains("action=\"/cases/" + attackId + "/correction/form\"")
                    .contains("href=\"/cases/" + attackId + "/reclassification\"")
                    .contains("href=\"/cases/" + attackId + "/follow-ups/new\"")
                    .doesNotContain(narrative);
            // Opening the correction form reads the identifying data: shown in the form, logged.
            Page form = browser.post("/cases/" + attackId + "/correction/form", Map.of("_csrf", detail.csrf()));
            assertThat(form.status()).isEqualTo(200);
            assertThat(form.header("Cache-Control")).contains("no-store");
            assertThat(form.body())
                    .contains("value=\"" + municipality + "\"")
                    .contains(narrative)
                    .contains("action=\"/cases/" + attackId + "/correction\"");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> !coordinator.get(readsOfIt).json().isEmpty());
            assertThat(coordinator.get(readsOfIt).json().get(0).path("reader").asText())
                    .isEqualTo(lola.name());
            // Its address opened again (the language switch): the case, without it.
            Page again = browser.get("/cases/" + attackId + "/correction/form?lang=en");
            assertThat(again.location()).isEqualTo("/cases/" + attackId);

            // Without a reason: refused beside the field, logged by field and code, nothing changed.
            Map<String, String> noReason = new java.util.HashMap<>(correction);
            noReason.remove("reason");
            noReason.put("municipality", municipality);
            noReason.put("narrative", narrative);
            noReason.put("_csrf", form.csrf());
            Page refused = browser.post("/cases/" + attackId + "/correction", noReason);
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("href=\"#reason\"")
                    .contains("id=\"reason-error\"")
                    .contains("aria-invalid=\"true\" aria-describedby=\"reason-hint reason-error\"")
                    .contains("value=\"3\"");
            assertThat(String.join("\n", log.lines()))
                    .contains("reason=page.record.error.field.required")
                    .doesNotContain(municipality)
                    .doesNotContain(narrative);
            assertThat(api.get("/api/attacks/" + attackId)
                            .json()
                            .path("facts")
                            .path("occurredOn")
                            .asText())
                    .isEqualTo("1963-05-02");

            noReason.put("reason", "Fecha corregida tras la entrevista");
            Page corrected = browser.post("/cases/" + attackId + "/correction", noReason);
            assertThat(corrected.status()).isEqualTo(303);
            assertThat(corrected.location()).isEqualTo("/cases/" + attackId);
            assertThat(String.join("\n", log.lines()))
                    .doesNotContain(municipality)
                    .doesNotContain(narrative);
        }
        var facts = api.get("/api/attacks/" + attackId).json().path("facts");
        assertThat(facts.path("occurredOn").asText()).isEqualTo("1963-05-03");
        assertThat(facts.path("narrative").asText()).isEqualTo(narrative);
        // The history names her; the case recorded through the API names the token's user.
        // In Spanish again (an earlier step switched to English).
        String history = browser.get("/cases/" + attackId + "?lang=es").body();
        assertThat(history)
                .contains("Hechos corregidos")
                .contains("Fecha corregida tras la entrevista")
                .contains("<td class=\"by\">" + lola.name() + "</td>")
                .contains("<td class=\"by\">it-registrar-")
                .doesNotContain("No se registró");
        assertThat(browser.get("/cases/" + UUID_NOBODY + "/reclassification").status())
                .isEqualTo(404);
        assertThat(browser.get("/cases/" + attackId + "/follow-ups/" + UUID_NOBODY + "/status")
                        .status())
                .isEqualTo(404);
    }

    /** A case is read once the read model has its row, a moment after its event (a tracking processor). */
    static void readable(String attackId) {
        Http api = TestUsers.http(node, port, "registrar");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> api.get("/api/attacks/" + attackId).status() == 200);
    }

    static final String UUID_NOBODY = "00000000-0000-4000-8000-000000000000";

    @Test
    void aChangeSentByNobodySignedInIsShownAsNotRecordedInTheHistory() {
        // Sent by the node itself (as a command-line import would): no user, and the history does not guess.
        String attackId = java.util.UUID.randomUUID().toString();
        var facts = new org.tejido.national.attack.AttackFacts(
                new org.tejido.national.attack.Target("defender", null, List.of()),
                new org.tejido.national.attack.PartialDate(1964, null, null),
                new org.tejido.national.attack.Location("GT", null, null),
                List.of(),
                "verified",
                null);
        var classification =
                new org.tejido.national.attack.Classification(List.of("death-threat"), List.of(), List.of(), List.of());
        node.getBean(org.axonframework.commandhandling.gateway.CommandGateway.class)
                .sendAndWait(new org.tejido.national.attack.RecordAttackCommand(attackId, facts, classification));
        readable(attackId);
        Person mara = TestUsers.person(node, "registrar");
        PageClient browser = browser();
        browser.signIn(mara);
        assertThat(browser.get("/cases/" + attackId).body())
                .contains("Registrada")
                .contains("<td class=\"by unknown\">No se registró</td>");
    }

    static final String CSV_HEADER = "occurred_on,country,subdivision,municipality,target_kind,relationship,defenders,"
            + "aggression_types,perpetrators,rights_defended,gender_elements,sources,verification_status,narrative\n";

    /** A row of the import format in 1964 (a year no other test here uses), with these municipality and types. */
    static String csvRow(String date, String municipality, String types) {
        return date + ",MX,MX-CHP," + municipality + ",defender,,," + types
                + ",police:direct,,,,verified,Relato sintético de una importación\n";
    }

    @Test
    void theOperationsPagesRefuseSignedOutVisitorsAndFormsWithoutTheirToken() {
        byte[] csv = (CSV_HEADER + csvRow("1964-01-02", "Municipio Sin Token", "death-threat"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Http api = TestUsers.http(node, port, "registrar");
        String year = "/api/attacks?from=1964-01-01&to=1964-01-31&size=100";

        PageClient visitor = browser();
        String token = visitor.get("/sign-in").csrf();
        Page signedOut = visitor.upload("/imports", Map.of("_csrf", token, "mode", "valid-rows"), "file", "a.csv", csv);
        assertThat(signedOut.status()).isIn(302, 403);
        assertThat(signedOut.location()).doesNotStartWith("/imports");
        assertThat(visitor.post("/admin/projections/cases/replay", Map.of("_csrf", token))
                        .status())
                .isIn(302, 403);

        PageClient registrar = browser();
        registrar.signIn(TestUsers.person(node, "registrar"));
        assertThat(registrar.get("/imports").status()).isEqualTo(200);
        Page noToken = registrar.upload("/imports", Map.of("mode", "valid-rows"), "file", "a.csv", csv);
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body()).contains("Este formulario caducó");
        Page wrongToken =
                registrar.upload("/imports", Map.of("_csrf", "x", "mode", "valid-rows"), "file", "a.csv", csv);
        assertThat(wrongToken.status()).isEqualTo(403);

        PageClient admin = browser();
        admin.signIn(TestUsers.person(node, "admin"));
        assertThat(admin.get("/admin/projections").status()).isEqualTo(200);
        Page replayWithoutToken = admin.post("/admin/projections/cases/replay", Map.of());
        assertThat(replayWithoutToken.status()).isEqualTo(403);
        assertThat(replayWithoutToken.body()).contains("Este formulario caducó");
        // None of the refused uploads recorded anything (the valid-rows form below records one of the same year).
        Page form = registrar.get("/imports");
        Page accepted =
                registrar.upload("/imports", Map.of("_csrf", form.csrf(), "mode", "valid-rows"), "file", "a.csv", csv);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body()).contains("Se registró la única fila del archivo.");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> api.get(year).json().path("items").size() >= 1);
        assertThat(api.get(year).json().path("items").size()).isEqualTo(1);
    }

    @Test
    void anImportReportNamesRowsColumnsAndCodesButNeverWhatACellHeld() {
        Person olga = TestUsers.person(node, "registrar");
        PageClient browser = browser();
        browser.signIn(olga);
        Http api = TestUsers.http(node, port, "registrar");
        String year = "/api/attacks?from=1964-02-01&to=1964-12-31&size=100";
        // What a registrar may have typed in a cell: a name, in a column that takes codes or a date.
        String typed = "Nombre" + System.nanoTime();
        String csv = CSV_HEADER
                + csvRow("1964-03-02", "Municipio Sintético", "death-threat")
                + "\n" // a blank line still counts as a line
                + csvRow("1964-03-03", "Municipio Sintético", typed)
                + csvRow("1964-03-" + typed, "Municipio Sintético", "surveillance")
                + csvRow("1964-03-04", "Municipio Sintético", "surveillance");
        byte[] bytes = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);

        try (SecurityLog log = SecurityLog.capture()) {
            Page form = browser.get("/imports");
            Page refused = browser.upload(
                    "/imports", Map.of("_csrf", form.csrf(), "mode", "all-or-nothing"), "file", "registro.csv", bytes);
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("No se registró nada. Se leyeron 4 filas y 2 tienen un problema.")
                    .contains("<td class=\"number\">4</td>")
                    .contains("<code>aggression_types</code>")
                    .contains("<code>vocabulary.unknown-code</code>")
                    .contains("Un código de esta columna no existe en la lista.")
                    .contains("<td class=\"number\">5</td>")
                    .contains("<code>occurred_on</code>")
                    .contains("<code>date.malformed</code>")
                    .doesNotContain(typed)
                    .doesNotContain("registro.csv");

            Page notCsv = browser.upload(
                    "/imports", Map.of("_csrf", form.csrf(), "mode", "valid-rows"), "file", "registro.xlsx", bytes);
            assertThat(notCsv.body())
                    .contains("role=\"alert\"")
                    .contains("href=\"#file\"")
                    .contains("Este archivo no es un CSV.")
                    .contains("aria-invalid=\"true\" aria-describedby=\"file-hint file-error\"");
            Page noHeader = browser.upload(
                    "/imports",
                    Map.of("_csrf", form.csrf(), "mode", "valid-rows"),
                    "file",
                    "registro.csv",
                    ("1964-03-05," + typed + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(noHeader.body())
                    .contains("Una columna tiene un nombre que no es del formato de importación.")
                    .doesNotContain(typed);
            Page noFile = browser.post("/imports", Map.of("_csrf", form.csrf(), "mode", "valid-rows"));
            assertThat(noFile.status()).isEqualTo(200);
            assertThat(noFile.body()).contains("Elija el archivo CSV que quiere importar.");

            // Over the node's limit (20 MB): sent back to the form before the token is read, and told so.
            byte[] large = new byte[20 * 1024 * 1024 + 1024];
            java.util.Arrays.fill(large, (byte) 'a');
            Page tooLarge = browser.upload(
                    "/imports", Map.of("_csrf", form.csrf(), "mode", "valid-rows"), "file", "registro.csv", large);
            assertThat(tooLarge.status()).isEqualTo(303);
            assertThat(tooLarge.location()).isEqualTo("/imports?too-large");
            assertThat(browser.get(tooLarge.location()).body())
                    .contains("El archivo es demasiado grande.")
                    .contains("aria-invalid=\"true\"");

            Page valid = browser.upload(
                    "/imports", Map.of("_csrf", form.csrf(), "mode", "valid-rows"), "file", "registro.csv", bytes);
            assertThat(valid.body())
                    .contains("Se registraron 2 de las 4 filas leídas.")
                    .doesNotContain(typed);
            assertThat(String.join("\n", log.lines()))
                    .contains("file=page.imports.error.not-csv")
                    .doesNotContain(typed)
                    .doesNotContain("Municipio Sintético")
                    .doesNotContain("registro");
        }
        // Events are in order: once the valid rows are in the list, anything all-or-nothing wrote would be too.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> api.get(year).json().path("items").size() >= 2);
        assertThat(api.get(year).json().path("items").size()).isEqualTo(2);
    }

    @Test
    void theAccessLogFederationAndProjectionPagesShowStateInWords() {
        PageClient coordinator = browser();
        coordinator.signIn(TestUsers.person(node, "coordinator"));
        String typed = "x" + System.nanoTime();
        try (SecurityLog log = SecurityLog.capture()) {
            Page refused = coordinator.get("/access-log?subjectKind=" + typed + "&limit=7");
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("role=\"alert\"")
                    .contains("aria-invalid=\"true\" aria-describedby=\"subjectKind-error\"")
                    .contains("aria-invalid=\"true\" aria-describedby=\"limit-error\"");
            assertThat(String.join("\n", log.lines()))
                    .contains("subjectKind=page.access-log.error.kind")
                    .doesNotContain(typed);
        }
        Page federation = coordinator.get("/federation");
        assertThat(federation.status()).isEqualTo(200);
        // This node has no aggregator: said in words, not by colour.
        assertThat(federation.body()).contains("Este nodo no envía su registro");

        PageClient admin = browser();
        admin.signIn(TestUsers.person(node, "admin"));
        assertThat(admin.get("/federation").status()).isEqualTo(200);
        Page projections = admin.get("/admin/projections");
        assertThat(projections.body())
                .contains("<code>cases</code>")
                .contains("action=\"/admin/projections/cases/replay\"")
                .contains("Reconstruir vacía la tabla")
                // A processor that must not be replayed gets no button, and the refusal is explained.
                .doesNotContain("action=\"/admin/projections/federation-log/replay\"")
                .contains("No se puede reconstruir: repetiría acciones que no deben repetirse.");
        // Refusals are said on the list's own address (a reload or the language switch posts nothing).
        Page notReplayable =
                admin.post("/admin/projections/federation-log/replay", Map.of("_csrf", projections.csrf()));
        assertThat(notReplayable.status()).isEqualTo(302);
        assertThat(notReplayable.location())
                .isEqualTo("/admin/projections?refused=not-resettable&projection=federation-log");
        assertThat(admin.get(notReplayable.location()).body())
                .contains("role=\"alert\"")
                .contains("No se puede reconstruir federation-log");
        Page unknown = admin.post("/admin/projections/" + typed + "/replay", Map.of("_csrf", projections.csrf()));
        assertThat(unknown.location()).isEqualTo("/admin/projections?refused=not-found");
        assertThat(admin.get(unknown.location()).body()).contains("No existe esa proyección.");
        // Words put in the address are not said back.
        assertThat(admin.get("/admin/projections?refused=" + typed + "&replayed=" + typed)
                        .body())
                .doesNotContain("role=\"alert\"")
                .doesNotContain("role=\"status\"")
                .doesNotContain(typed + "</");
    }
}
