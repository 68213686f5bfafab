package org.tejido.national.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tejido.support.Browsers.noAccessibilityViolations;
import static org.tejido.support.Browsers.tabTo;

import com.microsoft.playwright.Page;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.tejido.support.Browsers;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;
import org.tejido.support.TestUsers.Person;

/**
 * The case list in a real browser (Debian's chromium, driven by Playwright): sign in, filter, follow
 * "next", switch to English, with htmx and without JavaScript at all. Throughout: no console error (a
 * CSP violation is one), no request off the node's origin (the browser itself is kept in by a proxy
 * that does not exist; loopback is never proxied), no identifying data on the page, and axe-core
 * finds no WCAG 2.1 A/AA violation on the sign-in and case-list pages. Then, in Spanish and in English:
 * the form to record an attack, refused first and then completed with the keyboard alone, and the new
 * case's page, whose identifying data shows only after its form and is then in the access log.
 */
@NodeIntegrationTest
class CaseListBrowserIT {
    /** Attacks in a year no other test uses, so the filters below match exactly these. */
    static final String FROM = "1997-01-01";

    static final String TO = "1997-12-31";
    static final int RECORDED = 22;

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    String origin;
    Person registrar;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
    }

    @AfterAll
    static void close() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @BeforeEach
    void recordAttacks() {
        origin = "http://localhost:" + port;
        registrar = TestUsers.person(node, "registrar");
        Http api = TestUsers.http(node, port, "registrar");
        String list = "/api/attacks?from=" + FROM + "&to=" + TO + "&type=death-threat&size=100";
        if (api.get(list).json().path("items").size() < RECORDED) {
            for (int i = 1; i <= RECORDED; i++) {
                String date = "1997-%02d-%02d".formatted(1 + i % 12, 1 + i);
                assertThat(api.postJson(
                                        "/api/attacks",
                                        Fixtures.attack()
                                                .occurredOn(date)
                                                .place("MX", "MX-CHP")
                                                .types("death-threat", "surveillance")
                                                .municipality("Municipio Sintético Del Test")
                                                .narrative("Relato sintético que nunca sale en una lista")
                                                .json())
                                .status())
                        .isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get(list).json().path("items").size() == RECORDED);
        }
    }

    private Page open(boolean javascript, String locale) {
        return browsers.open(origin, javascript, locale);
    }

    @Test
    void signInFilterFollowNextAndSwitchToEnglishWithHtmx() {
        Page page = open(true, "es-ES");
        page.navigate(origin + "/cases");
        assertThat(page).hasURL(origin + "/sign-in");
        assertThat(page.locator("html")).hasAttribute("lang", "es");
        noAccessibilityViolations(page, "sign-in");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.SHOTS.resolve("sign-in-es.png")));

        page.getByLabel("Nombre de usuaria o usuario").fill(registrar.name());
        page.getByLabel("Contraseña").fill(registrar.password());
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar"))
                .click();
        assertThat(page).hasURL(origin + "/cases");
        assertThat(page.locator("h1")).hasText("Casos");
        noAccessibilityViolations(page, "case list");

        page.fill("#from", FROM);
        page.fill("#to", TO);
        page.selectOption("#type", "death-threat");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filtrar"))
                .click();
        // htmx swapped the results and pushed the address: a bookmark of this page has its filters.
        page.waitForURL(url -> url.contains("type=death-threat") && url.contains("from=" + FROM));
        assertThat(page.locator("#results tbody tr")).hasCount(20);
        assertThat(page.locator("#results tbody tr").first()).containsText("Amenaza de muerte");
        assertThat(page.locator("#results tbody tr").first()).containsText("death-threat");
        assertThat(page.locator("#results tbody tr").first()).containsText("Chiapas");
        noAccessibilityViolations(page, "filtered case list");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SHOTS.resolve("cases-es.png"))
                .setFullPage(true));

        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Página siguiente"))
                .click();
        page.waitForURL(url -> url.contains("after="));
        assertThat(page.locator("#results tbody tr")).hasCount(RECORDED - 20);
        assertThat(page.getByRole(
                        com.microsoft.playwright.options.AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Página siguiente")))
                .hasCount(0);
        String bookmark = page.url();

        // The switch was swapped with the results: it carries the filters and the cursor.
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("English"))
                .click();
        page.waitForURL(url -> url.contains("lang=en"));
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("h1")).hasText("Cases");
        assertThat(page.locator("#results tbody tr")).hasCount(RECORDED - 20);
        assertThat(page.locator("#results tbody tr").first()).containsText("Death threat");
        assertThat(page.locator("#type")).hasValue("death-threat");
        noAccessibilityViolations(page, "case list in English");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SHOTS.resolve("cases-en.png"))
                .setFullPage(true));

        // The bookmark opens the same page again, in the language chosen (kept in a cookie).
        page.navigate(bookmark);
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("#results tbody tr")).hasCount(RECORDED - 20);
        noIdentifyingData(page);

        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        assertThat(page).hasURL(origin + "/sign-in?signed-out");
        assertThat(page.locator("[role=status]")).hasText("You have signed out.");
        page.navigate(bookmark);
        assertThat(page).hasURL(origin + "/sign-in");
        browsers.assertClean();
    }

    @Test
    void everyStepWorksWithoutJavaScript() {
        Page page = open(false, "es-ES");
        page.navigate(origin + "/sign-in");
        page.getByLabel("Nombre de usuaria o usuario").fill(registrar.name());
        page.getByLabel("Contraseña").fill(registrar.password());
        page.getByLabel("Contraseña").press("Enter");
        // Signed in at "/", which sends a registrar on to the case list.
        page.waitForURL(origin + "/cases");
        page.fill("#from", FROM);
        page.fill("#to", TO);
        page.selectOption("#type", "death-threat");
        page.selectOption("#subdivision", "MX-CHP");
        page.locator("#filters button[type=submit]").click();
        page.waitForURL(url -> url.contains("subdivision=MX-CHP"));
        assertThat(page.locator("#results tbody tr")).hasCount(20);
        page.locator("a[rel=next]").click();
        page.waitForURL(url -> url.contains("after="));
        assertThat(page.locator("#results tbody tr")).hasCount(RECORDED - 20);
        page.locator("#language a[lang=en]").click();
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("#results tbody tr")).hasCount(RECORDED - 20);
        noIdentifyingData(page);
        browsers.assertClean();
    }

    /**
     * The pages no flow above stops on, checked by axe too: the one-time code step of signing in, the
     * home page of a role with no pages yet, and the answers for a page the role may not open and for
     * a case or defender that does not exist. The last two come with a 403 or 404, which the browser
     * reports on its console: they are opened in a browser context whose console is not recorded.
     */
    @Test
    void theCodeStepTheHomeOfARoleWithoutPagesAndTheRefusalsHaveNoAccessibilityViolations() {
        Person coordinator = TestUsers.person(node, "coordinator");
        Page page = open(true, "es-ES");
        page.navigate(origin + "/cases");
        page.locator("#name").fill(coordinator.name());
        page.locator("#password").fill(coordinator.password());
        page.locator("#password").press("Enter");
        page.waitForURL(url -> url.contains("/sign-in/code"));
        noAccessibilityViolations(page, "sign-in code");
        page.locator("#code").fill(coordinator.code());
        page.locator("#code").press("Enter");
        page.waitForURL(origin + "/cases");

        Person analyst = TestUsers.person(node, "analyst");
        page = open(true, "es-ES");
        page.navigate(origin + "/");
        Browsers.signIn(page, analyst);
        assertThat(page).hasURL(origin + "/");
        assertThat(page.locator("h1")).hasText("Tejido");
        noAccessibilityViolations(page, "home of a role without pages");
        browsers.assertClean();

        Page refused = browsers.openUnrecorded(true, "es-ES");
        refused.navigate(origin + "/cases");
        Browsers.signIn(refused, analyst);
        refused.navigate(origin + "/cases");
        assertThat(refused.locator("h1")).hasText("No permitido");
        noAccessibilityViolations(refused, "refused page");
        refused = browsers.openUnrecorded(true, "es-ES");
        refused.navigate(origin + "/cases");
        Browsers.signIn(refused, registrar);
        refused.navigate(origin + "/cases/00000000-0000-0000-0000-000000000000");
        assertThat(refused.locator("h1")).hasText("Caso no encontrado");
        noAccessibilityViolations(refused, "missing case");
        refused.navigate(origin + "/defenders/" + Fixtures.newDefenderCode("GT"));
        assertThat(refused.locator("h1")).hasText("Defensora no encontrada");
        noAccessibilityViolations(refused, "missing defender");
    }

    /** The words a test types or reads, in each language. */
    record Words(
            String locale,
            String lang,
            String signIn,
            String country,
            String targetKind,
            String status,
            String yearRequired,
            String typeRequired,
            String deathThreat,
            String surveillance,
            String knownToMonth,
            String show) {}

    static final Words SPANISH = new Words(
            "es-ES",
            "es",
            "Entrar",
            "México",
            "Defensora individual",
            "Verificada",
            "Escriba el año de la agresión.",
            "Elija al menos un tipo de agresión.",
            "Amenaza de muerte",
            "Vigilancia o acecho",
            "Se conoce el mes",
            "Mostrar datos identificatorios");

    static final Words ENGLISH = new Words(
            "en-US",
            "en",
            "Sign in",
            "Mexico",
            "Individual defender",
            "Verified",
            "Write the year of the attack.",
            "Choose at least one type of aggression.",
            "Death threat",
            "Surveillance or stalking",
            "Known to the month",
            "Show identifying data");

    @Test
    void recordAnAttackWithTheKeyboardOnlyThenOpenItAndRevealItsIdentifyingDataInSpanish() {
        recordAndReveal(SPANISH);
    }

    @Test
    void recordAnAttackWithTheKeyboardOnlyThenOpenItAndRevealItsIdentifyingDataInEnglish() {
        recordAndReveal(ENGLISH);
    }

    /**
     * Signs in, sends the form wrong first (no year, no type: both refused beside their fields and in
     * the summary), then completes it with the keyboard alone (Tab, typing, Space, Enter: no click),
     * with a year-month date and two types; opens the new case, where the identifying data is not
     * shown until asked for, and the access log has an entry for it only after.
     */
    private void recordAndReveal(Words words) {
        String narrative = "Relato sintético " + System.nanoTime();
        Page page = open(true, words.locale());
        page.navigate(origin + "/cases/new");
        assertThat(page).hasURL(origin + "/sign-in");
        page.locator("#name").fill(registrar.name());
        page.locator("#password").fill(registrar.password());
        page.locator("#password").press("Enter");
        page.waitForURL(origin + "/cases/new");
        assertThat(page.locator("html")).hasAttribute("lang", words.lang());
        browsers.noAccessibilityViolationsOnce(page, "record form");

        // Wrong first: only a month. Enter in a text box sends the form.
        tabTo(page, "month");
        page.keyboard().type("4");
        page.keyboard().press("Enter");
        assertThat(page.locator("#error-summary")).isVisible();
        assertThat(page.locator("#error-summary a[href='#year']")).hasText(words.yearRequired());
        assertThat(page.locator("#error-summary a[href='#types']")).hasText(words.typeRequired());
        assertThat(page.locator("#year")).hasAttribute("aria-invalid", "true");
        // aria-describedby resolves to the sentence beside the field.
        String yearDescribedBy = page.locator("#year").getAttribute("aria-describedby");
        assertThat(yearDescribedBy).contains("year-error");
        assertThat(page.locator("#year-error")).hasText(words.yearRequired());
        assertThat(page.locator("#types").getAttribute("aria-describedby")).isEqualTo("types-error");
        assertThat(page.locator("#types-error")).hasText(words.typeRequired());
        assertThat(page.locator("#month")).hasValue("4");
        browsers.noAccessibilityViolationsOnce(page, "record form with errors");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SHOTS.resolve("record-errors-" + words.lang() + ".png"))
                .setFullPage(true));

        // The keyboard alone, from the top of the page.
        page.keyboard().press("Home");
        tabTo(page, "year");
        page.keyboard().type("2023");
        tabTo(page, "country");
        // A select's type-ahead takes keys: "é" is not one (Playwright inserts it as text, and Chromium
        // then moved the focus), so the country is chosen by the first letter of its name.
        page.keyboard().type(words.country().substring(0, 1));
        assertThat(page.locator("#country")).hasValue("MX");
        tabTo(page, "subdivision");
        page.keyboard().type("Chiapas");
        assertThat(page.locator("#subdivision")).hasValue("MX-CHP");
        tabTo(page, "municipality");
        page.keyboard().type("Municipio Sintético Del Test");
        tabTo(page, "targetKind");
        page.keyboard().type(words.targetKind());
        assertThat(page.locator("#targetKind")).hasValue("defender");
        tabTo(page, "types-death-threat");
        page.keyboard().press("Space");
        tabTo(page, "types-surveillance");
        page.keyboard().press("Space");
        assertThat(page.locator("#types-death-threat")).isChecked();
        assertThat(page.locator("#types-surveillance")).isChecked();
        tabTo(page, "status");
        page.keyboard().type(words.status());
        assertThat(page.locator("#status")).hasValue("verified");
        tabTo(page, "narrative");
        page.keyboard().type(narrative);
        assertThat(page.locator("#year")).hasValue("2023");
        assertThat(page.locator("#month")).hasValue("4");
        assertThat(page.locator("#day")).hasValue("");
        page.keyboard().press("Tab");
        assertThat(page.locator("#record button[type=submit]:focus")).hasCount(1);
        page.keyboard().press("Enter");

        page.waitForURL(url -> url.matches(".*/cases/[0-9a-f-]{36}$"));
        String attackId = page.url().substring(page.url().lastIndexOf('/') + 1);
        assertThat(page.locator("main")).containsText("2023-04");
        assertThat(page.locator("main")).containsText(words.knownToMonth());
        assertThat(page.locator("main")).containsText(words.deathThreat());
        assertThat(page.locator("main")).containsText(words.surveillance());
        assertThat(page.locator("main")).containsText("surveillance");
        assertThat(page.content()).doesNotContain(narrative).doesNotContain("Municipio Sintético Del Test");
        browsers.noAccessibilityViolationsOnce(page, "case");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SHOTS.resolve("case-" + words.lang() + ".png"))
                .setFullPage(true));

        Http coordinator = TestUsers.http(node, port, "coordinator");
        String reads = "/api/access-log?subjectKind=attack&subjectId=" + attackId;
        assertThat(coordinator.get(reads).json()).isEmpty();
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(words.show()))
                .click();
        assertThat(page.locator("#narrative")).hasText(narrative);
        assertThat(page.locator("#municipality")).hasText("Municipio Sintético Del Test");
        assertThat(page.url()).doesNotContain("Municipio").doesNotContain("Relato");
        browsers.noAccessibilityViolationsOnce(page, "case with identifying data");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !coordinator.get(reads).json().isEmpty());
        assertThat(coordinator.get(reads).json()).hasSize(1);
        assertThat(coordinator.get(reads).json().get(0).path("reader").asText()).isEqualTo(registrar.name());
        browsers.assertClean();
    }

    private static void noIdentifyingData(Page page) {
        assertThat(page.content())
                .doesNotContain("Municipio Sintético Del Test")
                .doesNotContain("Relato sintético");
    }
}
