package org.tejido.national.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tejido.support.Browsers.inLanguage;
import static org.tejido.support.Browsers.screenshot;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.tejido.support.Browsers;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * The operations pages in a real browser, once in Spanish and once in English: a registrar imports a
 * CSV with one bad row, first all or nothing (the report names the row, nothing is recorded), then
 * the valid rows (recorded, and the report says so); a coordinator reads the access log, filtered to
 * one case, and the federation status; an admin replays a projection. axe-core on every page (once,
 * in the first language that reaches it: the template is the same), no console error, no CSP violation, no request off the node, and no cell of the file on the page.
 */
@NodeIntegrationTest
class OperationsBrowserIT {
    static final String HEADER = "occurred_on,country,subdivision,municipality,target_kind,relationship,defenders,"
            + "aggression_types,perpetrators,rights_defended,gender_elements,sources,verification_status,narrative\n";

    static Browsers browsers;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

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

    /** The words a test reads, in each language; a year of its own for the attacks it imports. */
    record Words(
            String locale,
            String lang,
            int year,
            String nothingRecorded,
            String unknownCode,
            String someRecorded,
            String accessLog,
            String notConfigured,
            String replay,
            String started) {}

    static final Words SPANISH = new Words(
            "es-ES",
            "es",
            1971,
            "No se registró nada. Se leyeron 3 filas y 1 tiene un problema.",
            "Un código de esta columna no existe en la lista.",
            "Se registraron 2 de las 3 filas leídas.",
            "Registro de accesos",
            "Este nodo no envía su registro",
            "Reconstruir cases",
            "Empezó la reconstrucción de cases.");

    static final Words ENGLISH = new Words(
            "en-US",
            "en",
            1972,
            "Nothing was recorded. 3 rows were read and 1 has a problem.",
            "A code in this column is not in the list.",
            "2 of the 3 rows read were recorded.",
            "Access log",
            "This node does not send its log",
            "Rebuild cases",
            "The rebuild of cases has started.");

    @Test
    void importReadTheAccessLogAndTheFederationStatusAndReplayAProjectionInSpanish() {
        importReadAndReplay(SPANISH);
    }

    @Test
    void importReadTheAccessLogAndTheFederationStatusAndReplayAProjectionInEnglish() {
        importReadAndReplay(ENGLISH);
    }

    private void importReadAndReplay(Words words) {
        String origin = "http://localhost:" + port;
        importCsv(origin, words);
        readAccessLogAndFederation(origin, words);
        replayAProjection(origin, words);
        browsers.assertClean();
    }

    /** All or nothing with one bad row, then the valid rows: checked on the page and through the API. */
    private void importCsv(String origin, Words words) {
        // A name typed where a code goes: the report must name the row and column, never repeat it.
        String typed = "Nombre Sintético " + System.nanoTime();
        String row = ",MX,MX-CHP,Municipio Sintético Del Test,defender,,,%s,police:direct,,,,verified,"
                + "Relato sintético de una importación\n";
        byte[] csv = (HEADER
                        + words.year() + "-02-01" + row.formatted("death-threat")
                        + words.year() + "-02-02" + row.formatted(typed)
                        + words.year() + "-02-03" + row.formatted("surveillance"))
                .getBytes(StandardCharsets.UTF_8);
        FilePayload file = new FilePayload("registro.csv", "text/csv", csv);
        Http api = TestUsers.http(node, port, "registrar");
        String list = "/api/attacks?from=" + words.year() + "-01-01&to=" + words.year() + "-12-31&size=100";
        int before = api.get(list).json().path("items").size();

        Page page = browsers.open(origin, true, words.locale());
        page.navigate(origin + "/imports");
        Browsers.signIn(page, TestUsers.person(node, "registrar"));
        assertThat(page).hasURL(origin + "/imports");
        inLanguage(page, words.lang());
        browsers.noAccessibilityViolationsOnce(page, "import form");

        page.setInputFiles("#file", file);
        page.locator("#mode-all-or-nothing").check();
        page.locator("#import button[type=submit]").click();
        assertThat(page.locator("#report [role=alert]")).containsText(words.nothingRecorded());
        assertThat(page.locator("#report tbody tr")).hasCount(1);
        assertThat(page.locator("#report tbody tr td").nth(0)).hasText("3");
        assertThat(page.locator("#report tbody tr td").nth(1)).hasText("aggression_types");
        assertThat(page.locator("#report tbody tr td").nth(2)).containsText(words.unknownCode());
        assertThat(page.locator("#report tbody tr td").nth(3)).hasText("vocabulary.unknown-code");
        assertThat(page.content()).doesNotContain(typed).doesNotContain("Municipio Sintético");
        browsers.noAccessibilityViolationsOnce(page, "import report");
        screenshot(page, "import-report-" + words.lang());

        // The form is there again under the report: the same file, the valid rows this time.
        page.setInputFiles("#file", file);
        page.locator("#mode-valid-rows").check();
        page.locator("#import button[type=submit]").click();
        assertThat(page.locator("#report [role=status]")).containsText(words.someRecorded());
        assertThat(page.locator("#report tbody tr")).hasCount(1);
        assertThat(page.content()).doesNotContain(typed);
        // Events are in order: once the valid rows are listed, anything the refused import wrote would be too.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(list).json().path("items").size() >= before + 2);
        assertThat(api.get(list).json().path("items").size()).isEqualTo(before + 2);
    }

    /** One read of a case's identifying data, found in the access log by its filters; the federation status. */
    private void readAccessLogAndFederation(String origin, Words words) {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http.Response created = registrar.postJson(
                "/api/attacks",
                Fixtures.attack()
                        .occurredOn(words.year() + "-03-01")
                        .narrative("Relato sintético que nunca sale en el registro de accesos")
                        .json());
        assertThat(created.status()).isEqualTo(201);
        String attackId = created.json().path("attackId").asText();
        Http coordinatorApi = TestUsers.http(node, port, "coordinator");
        String reads = "/api/access-log?subjectKind=attack&subjectId=" + attackId;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registrar.get("/api/attacks/" + attackId).status() == 200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !coordinatorApi.get(reads).json().isEmpty());

        Page page = browsers.open(origin, true, words.locale());
        page.navigate(origin + "/access-log");
        Browsers.signIn(page, TestUsers.person(node, "coordinator"));
        assertThat(page).hasURL(origin + "/access-log");
        assertThat(page.locator("h1")).hasText(words.accessLog());
        page.selectOption("#subjectKind", "attack");
        page.fill("#subjectId", attackId);
        page.locator("#filters button[type=submit]").click();
        page.waitForURL(url -> url.contains("subjectId=" + attackId));
        int expected = coordinatorApi.get(reads).json().size();
        assertThat(page.locator("#results tbody tr")).hasCount(expected);
        assertThat(page.locator("#results tbody tr").first()).containsText(attackId);
        assertThat(page.locator("#results tbody tr").first().locator("a")).hasAttribute("href", "/cases/" + attackId);
        assertThat(page.content()).doesNotContain("Relato sintético");
        browsers.noAccessibilityViolationsOnce(page, "access log");
        screenshot(page, "access-log-" + words.lang());

        page.navigate(origin + "/federation");
        inLanguage(page, words.lang());
        // The test node has no aggregator: said in words, in the verdict at the top.
        assertThat(page.locator("#verdict")).containsText(words.notConfigured());
        assertThat(page.locator("#verdict")).hasAttribute("role", "alert");
        browsers.noAccessibilityViolationsOnce(page, "federation");
        screenshot(page, "federation-" + words.lang());
    }

    /** The admin replays the case projection; the test waits for it to catch up, for the tests after it. */
    private void replayAProjection(String origin, Words words) {
        Page page = browsers.open(origin, true, words.locale());
        page.navigate(origin + "/admin/projections");
        Browsers.signIn(page, TestUsers.person(node, "admin"));
        assertThat(page).hasURL(origin + "/admin/projections");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(words.replay()))
                .click();
        page.waitForURL(url -> url.contains("replayed=cases"));
        assertThat(page.locator("[role=status]")).containsText(words.started());
        assertThat(page.locator("#projection-cases")).isVisible();
        browsers.noAccessibilityViolationsOnce(page, "projections");
        screenshot(page, "projections-" + words.lang());
        Http admin = TestUsers.http(node, port, "admin");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var cases = admin.get("/api/admin/projections/cases").json();
                    return !cases.path("replaying").asBoolean()
                            && cases.path("lag").asLong() == 0;
                });
    }
}
