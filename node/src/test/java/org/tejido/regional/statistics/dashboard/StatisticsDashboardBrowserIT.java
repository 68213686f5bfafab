package org.tejido.regional.statistics.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.regional.intake.TestFederation;
import org.tejido.support.Browsers;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;

/**
 * From national nodes to the regional dashboard, in a real browser: two national nodes record attacks
 * through their API with consent for statistics (and one made public), push them over gRPC to the
 * aggregator, and an analyst reads the protected figures on the dashboard, in Spanish and in English,
 * with and without JavaScript; its downloads are the API's bytes and hold the page's figures; a consent
 * revoked at a node changes the figures within seconds. axe-core on each page, no console error or CSP
 * violation, no request off the aggregator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsDashboardBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YEAR = "2026";

    private TestFederation federation;
    private TestFederation.Node mexico;
    private TestFederation.Node guatemala;
    private Browsers browsers;
    private String origin;
    private String revocable;

    @BeforeAll
    void seedTheFederation() throws Exception {
        federation = TestFederation.start("--tejido.node.domain=regional.test");
        mexico = federation.addNode("MX", "MX-OAX", "red-mx.test");
        guatemala = federation.addNode("GT", "GT-01", "red-gt.test");
        // Mexico: ten defenders threatened with death in March, and one femicide in June (one person)
        for (int i = 0; i < 10; i++) {
            String code = record(mexico, "statistics", "2026-03-1" + i, "death-threat");
            if (i == 0) {
                revocable = code;
            }
        }
        record(mexico, "statistics", "2026-06-02", "femicide");
        // Guatemala: six defenders harassed in May, and one attack in May its defender made public
        for (int i = 0; i < 6; i++) {
            record(guatemala, "statistics", "2026-05-0" + (i + 1), "harassment");
        }
        record(guatemala, "public", "2026-05-20", "harassment");
        awaitRecordsAtTheAggregator(18);
        origin = "http://localhost:" + TestNodes.port(federation.aggregator());
        browsers = Browsers.launch();
    }

    @AfterAll
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    @Order(1)
    void theAnalystReadsTheProtectedFiguresInSpanish() {
        Page page = signedIn("es-ES", true, "/statistics?year=" + YEAR);
        Browsers.inLanguage(page, "es");
        assertThat(page.locator("h1")).hasText("Estadísticas regionales");
        // the headline: every attack of the year in both countries, against a year with none
        assertThat(page.locator("#headline-0 .headline-label")).hasText("Agresiones registradas en 2026");
        assertThat(page.locator("#headline-0 .headline-value")).hasText("18");
        assertThat(page.locator("#headline-0 .headline-change")).hasText("18 más que en 2025, que no tuvo ninguna");
        // month by month: Guatemala's seven attacks of May are published; the one defender of June in
        // Mexico is not, neither as a figure nor in the chart, and nor is March there, since Mexico's
        // year less its March would give her away
        assertThat(cell(page, "country-by-period/GT/2026-05")).hasText("7");
        assertThat(cell(page, "country-by-period/MX/2026-06")).hasText("suprimida");
        assertThat(cell(page, "country-by-period/MX/2026-06")).not().hasAttribute("data-value", "1");
        assertThat(cell(page, "country-by-period/MX/2026-03")).hasText("suprimida");
        assertThat(page.locator("table[data-chart-drawn=true]")).hasCount(5);
        assertThat(page.locator("figure.chart canvas")).hasCount(5);
        // the attack made public is listed by its public name
        assertThat(page.locator("#table-public")).containsText("Nombre público acordado");
        // each national log, said in words
        assertThat(page.locator(".freshness-list li")).hasCount(2);
        assertThat(page.locator("[data-origin='" + mexico.origin() + "']")).containsText("al día");
        browsers.noAccessibilityViolationsOnce(page, "statistics");
        Browsers.screenshot(page, "statistics-es");

        // and the printable report says the period, the countries, when, the freshness and the method
        page.locator("#report-link").click();
        assertThat(page.locator("h1")).hasText("Informe de estadísticas regionales");
        assertThat(page.locator(".report-facts")).containsText("Periodo: año 2026");
        assertThat(page.locator("#generated")).containsText("Generado el");
        assertThat(page.locator("#headline-0 .headline-value")).hasText("18");
        assertThat(page.locator(".method")).containsText("Algoritmo");
        browsers.noAccessibilityViolationsOnce(page, "statistics-report");
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        Browsers.screenshot(page, "statistics-report-print-es");
        browsers.assertClean();
    }

    @Test
    @Order(2)
    void theSameFiguresInEnglishAndFilteredByCountryWithoutJavaScript() {
        Page page = signedIn("en-GB", true, "/statistics?year=" + YEAR + "&lang=en");
        Browsers.inLanguage(page, "en");
        assertThat(page.locator("#headline-0 .headline-label")).hasText("Attacks recorded in 2026");
        assertThat(page.locator("#headline-0 .headline-value")).hasText("18");
        assertThat(cell(page, "country-by-period/MX/2026-06")).hasText("suppressed");
        Browsers.screenshot(page, "statistics-en");
        browsers.assertClean();

        // without JavaScript, the filters are a form whose address can be bookmarked
        Page plain = signedIn("en-GB", false, "/statistics?year=" + YEAR + "&lang=en");
        plain.locator("#country-GT").check();
        plain.locator("#filters button[type=submit]").click();
        assertThat(plain).hasURL(java.util.regex.Pattern.compile(".*/statistics\\?year=2026&country=GT$"));
        assertThat(plain.locator("#headline-0 .headline-value")).hasText("7");
        assertThat(plain.locator("figure.chart")).hasCount(0);
        assertThat(cell(plain, "country-by-period/GT/2026-05")).hasText("7");
        assertThat(plain.locator("[data-cell^='country-by-period/MX/']")).hasCount(0);
        browsers.assertClean();

        // a year that is not one is refused on the page, by field
        Page refused = signedIn("en-GB", true, "/statistics?year=20x6");
        assertThat(refused.locator("#error-summary")).containsText("Write the year with four digits");
        assertThat(refused.locator("#year")).hasAttribute("aria-invalid", "true");
        assertThat(refused.locator("#headline-0")).hasCount(0);
        browsers.noAccessibilityViolationsOnce(refused, "statistics-refused");
        browsers.assertClean();
    }

    @Test
    @Order(3)
    void theDownloadsAreTheApisBytesAndHoldThePagesFigures() throws Exception {
        Page page = signedIn("es-ES", true, "/statistics?year=" + YEAR);
        Http api = TestNodes.http(federation.aggregator(), "analyst");
        for (String format : List.of("csv", "json")) {
            APIResponse download = page.request()
                    .get(origin + "/statistics/export?year=" + YEAR + "&table=country-by-period&format=" + format);
            assertThat(download.status()).isEqualTo(200);
            Http.Response fromApi =
                    api.get("/api/statistics/tables?year=" + YEAR + "&tables=country-by-period&format=" + format);
            assertThat(fromApi.status()).isEqualTo(200);
            assertThat(download.text()).isEqualTo(fromApi.body());
        }
        // every figure the page shows is the release's cell, and a suppressed one is suppressed there too
        Map<String, JsonNode> cells = new HashMap<>();
        JsonNode release =
                JSON.readTree(api.get("/api/statistics/tables?year=" + YEAR).body());
        for (JsonNode table : release.path("tables")) {
            table.path("cells").forEach(c -> cells.put(c.path("id").asText(), c));
        }
        Locator shown = page.locator("td[data-cell]");
        int n = shown.count();
        assertThat(n).isGreaterThan(50);
        for (int i = 0; i < n; i++) {
            Locator td = shown.nth(i);
            JsonNode inRelease = cells.get(td.getAttribute("data-cell"));
            assertThat(inRelease).as(td.getAttribute("data-cell")).isNotNull();
            if (inRelease.path("suppressed").asBoolean(false)) {
                assertThat(td.getAttribute("data-value")).isNull();
                assertThat(td.textContent()).isEqualTo("suprimida");
            } else {
                assertThat(td.textContent()).isEqualTo(inRelease.path("value").asText());
            }
        }
        browsers.assertClean();
    }

    @Test
    @Order(4)
    void aConsentRevokedAtANationalNodeChangesTheFiguresWithinSeconds() {
        Page page = signedIn("es-ES", true, "/statistics?year=" + YEAR);
        assertThat(page.locator("#headline-0 .headline-value")).hasText("18");

        long revoked = System.nanoTime();
        assertThat(TestNodes.http(mexico.context(), "coordinator")
                        .postJson("/api/defenders/" + revocable + "/consent/revocation", "{\"reason\":\"withdrawn\"}")
                        .status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    page.reload();
                    return page.locator("#headline-0 .headline-value")
                            .textContent()
                            .equals("17");
                });
        Duration took = Duration.ofNanos(System.nanoTime() - revoked);
        System.out.println("Revocation at the node to changed figures on the dashboard: " + took.toMillis() + " ms");
        browsers.assertClean();
    }

    private Page signedIn(String locale, boolean javascript, String path) {
        Page page = browsers.open(origin, javascript, locale);
        page.navigate(origin + path);
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/sign-in.*"));
        Browsers.signIn(page, TestUsers.person(federation.aggregator(), "analyst"));
        if (!page.url().endsWith(path)) {
            page.navigate(origin + path);
        }
        return page;
    }

    private static Locator cell(Page page, String id) {
        return page.locator("td[data-cell='" + id + "']");
    }

    /** A defender with consent of that scope, and one attack on her, recorded through the node's API. */
    private static String record(TestFederation.Node node, String scope, String date, String type) {
        String code = Fixtures.newDefenderCode(node.country());
        Http registrar = TestNodes.http(node.context(), "registrar");
        Http coordinator = TestNodes.http(node.context(), "coordinator");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        String consent = scope.equals("public") ? """
                {"scope":"public","grantor":{"kind":"defender","name":null},"basis":"informed-written",
                 "grantedOn":"2026-01-01","expiresAt":null,"publicName":"Nombre público acordado",
                 "publicSummary":"Resumen público acordado"}
                """ : Fixtures.consentJson(scope);
        assertThat(coordinator
                        .putJson("/api/defenders/" + code + "/consent", consent)
                        .status())
                .isEqualTo(204);
        Http.Response recorded = registrar.postJson(
                "/api/attacks",
                Fixtures.attack()
                        .defenders(code)
                        .place(node.country(), node.subdivision())
                        .occurredOn(date)
                        .types(type)
                        .json());
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        return code;
    }

    private void awaitRecordsAtTheAggregator(int records) {
        JdbcTemplate regional = federation.aggregator().getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        regional.queryForObject("SELECT count(*) FROM regional_statistics", Long.class) == records);
    }
}
