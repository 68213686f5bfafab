package org.tejido.national.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tejido.support.Browsers.screenshot;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.tejido.platform.security.NodeUsers;
import org.tejido.support.Browsers;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;
import org.tejido.support.TestUsers.Person;

/**
 * Changing a case from its page in a real browser, in Spanish and in English: a case recorded through
 * the API by a token user is opened by a registrar, who corrects its facts (first without a reason:
 * refused beside the field and in the summary, what was typed kept, nothing changed), reclassifies it
 * with several types, opens a follow-up (first without a kind) and moves it to another status (first to
 * the status it has); the history then names who made each change, the API user included. axe-core
 * finds no WCAG 2.1 A/AA violation on each new page, empty and with errors (each page once, in the
 * first language that reaches it: the template is the same); no console error, no CSP
 * violation, no request off the node; the identifying data never in an address.
 */
@NodeIntegrationTest
class CaseChangesBrowserIT {
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

    /** The words a test reads or clicks, in each language. */
    record Words(
            String locale,
            String lang,
            String correct,
            String reclassify,
            String openFollowUp,
            String changeStatusOfAlert,
            String required,
            String chooseFromList,
            String unchanged,
            String corrected,
            String reclassified,
            String followUpOpened,
            String followUpStatus,
            String smearCampaign,
            String inProgress) {}

    static final Words SPANISH = new Words(
            "es-ES",
            "es",
            "Corregir los hechos",
            "Reclasificar el caso",
            "Abrir un seguimiento de este caso",
            "Cambiar el estado: Alerta emitida",
            "Este dato es obligatorio.",
            "Elija un valor de la lista.",
            "El seguimiento ya está en ese estado: elija otro.",
            "Hechos corregidos",
            "Reclasificada",
            "Seguimiento abierto",
            "Estado de un seguimiento cambiado",
            "Campaña de desprestigio",
            "En curso");

    static final Words ENGLISH = new Words(
            "en-US",
            "en",
            "Correct the facts",
            "Reclassify the case",
            "Open a follow-up on this case",
            "Change the status: Alert issued",
            "This field is required.",
            "Choose a value from the list.",
            "The follow-up already has that status: choose another.",
            "Facts corrected",
            "Reclassified",
            "Follow-up opened",
            "Status of a follow-up changed",
            "Smear campaign",
            "In progress");

    @Test
    void correctReclassifyAndFollowUpACaseThenReadWhoDidEachInSpanish() {
        changeACase(SPANISH, "1971");
    }

    @Test
    void correctReclassifyAndFollowUpACaseThenReadWhoDidEachInEnglish() {
        changeACase(ENGLISH, "1972");
    }

    private void changeACase(Words words, String year) {
        String origin = "http://localhost:" + port;
        String municipality = "Municipio Sintético " + UUID.randomUUID();
        String narrative = "Relato sintético " + UUID.randomUUID();
        // Recorded through the API by a token user whose name the history must show.
        String apiUser = "it-api-" + UUID.randomUUID().toString().substring(0, 8);
        Http api = new Http(port)
                .as(node.getBean(NodeUsers.class).add(apiUser, "registrar").token());
        Http.Response created = api.postJson(
                "/api/attacks",
                Fixtures.attack()
                        .occurredOn(year + "-06-10")
                        .place("MX", "MX-CHP")
                        .types("death-threat")
                        .municipality(municipality)
                        .narrative(narrative)
                        .json());
        assertThat(created.status()).isEqualTo(201);
        String attackId = created.json().path("attackId").asText();
        // The case's page needs its read model row, written a moment after the event.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/attacks/" + attackId).status() == 200);
        String caseAddress = origin + "/cases/" + attackId;
        Person registrar = TestUsers.person(node, "registrar");

        Page page = browsers.open(origin, true, words.locale());
        page.navigate(caseAddress);
        Browsers.signIn(page, registrar);
        assertThat(page).hasURL(caseAddress);
        assertThat(page.locator("html")).hasAttribute("lang", words.lang());

        // Correction: the form opens by POST, filled with the facts, identifying data included.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(words.correct()))
                .click();
        assertThat(page.locator("#correct")).isVisible();
        assertThat(page.locator("#year")).hasValue(year);
        assertThat(page.locator("#month")).hasValue("6");
        assertThat(page.locator("#day")).hasValue("10");
        assertThat(page.locator("#country")).hasValue("MX");
        assertThat(page.locator("#subdivision")).hasValue("MX-CHP");
        assertThat(page.locator("#municipality")).hasValue(municipality);
        assertThat(page.locator("#narrative")).hasValue(narrative);
        browsers.noAccessibilityViolationsOnce(page, "correction form");
        screenshot(page, "correct-" + words.lang());

        // Without a reason: refused, beside the field and in the summary; what was typed stays.
        page.locator("#day").fill("11");
        page.locator("#correct button[type=submit]").click();
        assertThat(page.locator("#error-summary a[href='#reason']")).hasText(words.required());
        assertThat(page.locator("#reason")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#reason")).hasAttribute("aria-describedby", "reason-hint reason-error");
        assertThat(page.locator("#reason-error")).hasText(words.required());
        assertThat(page.locator("#day")).hasValue("11");
        assertThat(page.locator("#narrative")).hasValue(narrative);
        assertThat(page.url()).doesNotContain("Municipio").doesNotContain("Relato");
        browsers.noAccessibilityViolationsOnce(page, "correction form with errors");
        screenshot(page, "correct-errors-" + words.lang());
        assertThat(api.get("/api/attacks/" + attackId)
                        .json()
                        .path("facts")
                        .path("occurredOn")
                        .asText())
                .as("nothing changed")
                .isEqualTo(year + "-06-10");

        String correction = "La defensora precisó el día " + UUID.randomUUID();
        page.locator("#reason").fill(correction);
        page.locator("#correct button[type=submit]").click();
        page.waitForURL(caseAddress);
        assertThat(page.locator("main")).containsText(year + "-06-11");
        assertThat(page.content()).doesNotContain(narrative).doesNotContain(municipality);

        // Reclassification: a GET form with the classification as recorded.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(words.reclassify()))
                .click();
        assertThat(page.locator("#reclassify")).isVisible();
        assertThat(page.locator("#types-death-threat")).isChecked();
        assertThat(page.locator("#types-smear-campaign")).not().isChecked();
        browsers.noAccessibilityViolationsOnce(page, "reclassification form");
        page.locator("#types-smear-campaign").check();
        page.locator("#types-surveillance").check();
        page.locator("#reclassify button[type=submit]").click();
        assertThat(page.locator("#error-summary a[href='#reason']")).hasText(words.required());
        assertThat(page.locator("#types-smear-campaign")).isChecked();
        browsers.noAccessibilityViolationsOnce(page, "reclassification form with errors");
        screenshot(page, "reclassify-errors-" + words.lang());
        String reclassification = "Se conocieron los mensajes " + UUID.randomUUID();
        page.locator("#reason").fill(reclassification);
        page.locator("#reclassify button[type=submit]").click();
        page.waitForURL(caseAddress);
        assertThat(page.locator("main")).containsText(words.smearCampaign());
        assertThat(page.locator("main")).containsText("surveillance");

        // A follow-up: without a kind first.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(words.openFollowUp()))
                .click();
        assertThat(page.locator("#follow-up")).isVisible();
        browsers.noAccessibilityViolationsOnce(page, "follow-up form");
        page.locator("#status").selectOption("requested");
        page.locator("#follow-up button[type=submit]").click();
        assertThat(page.locator("#error-summary a[href='#kind']")).hasText(words.chooseFromList());
        assertThat(page.locator("#kind")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#status")).hasValue("requested");
        browsers.noAccessibilityViolationsOnce(page, "follow-up form with errors");
        screenshot(page, "follow-up-errors-" + words.lang());
        page.locator("#kind").selectOption("alert");
        page.locator("#note").fill("Alerta enviada a la red");
        page.locator("#follow-up button[type=submit]").click();
        page.waitForURL(caseAddress);

        // The page waited for the follow-up list (a read model) before sending her back: no reload.
        Locator change =
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(words.changeStatusOfAlert()));
        assertThat(change).hasCount(1);
        change.click();
        assertThat(page.locator("#follow-up-status")).isVisible();
        browsers.noAccessibilityViolationsOnce(page, "follow-up status form");
        page.locator("#status").selectOption("requested");
        page.locator("#follow-up-status button[type=submit]").click();
        assertThat(page.locator("#error-summary a[href='#status']")).hasText(words.unchanged());
        assertThat(page.locator("#status-error")).hasText(words.unchanged());
        browsers.noAccessibilityViolationsOnce(page, "follow-up status form with errors");
        page.locator("#status").selectOption("in-progress");
        String note = "Acompañamiento en curso " + UUID.randomUUID();
        page.locator("#note").fill(note);
        page.locator("#follow-up-status button[type=submit]").click();
        page.waitForURL(caseAddress);

        // The new status at once (no reload), and the history: each change, its reason, and who made it.
        assertThat(page.locator("main")).containsText(words.inProgress());
        Locator history = page.locator("table.history tbody tr");
        assertThat(history).hasCount(5);
        assertThat(history.nth(0).locator("td.by")).hasText(apiUser);
        assertThat(history.nth(1)).containsText(words.corrected());
        assertThat(history.nth(1)).containsText(correction);
        assertThat(history.nth(1).locator("td.by")).hasText(registrar.name());
        assertThat(history.nth(2)).containsText(words.reclassified());
        assertThat(history.nth(2)).containsText(reclassification);
        assertThat(history.nth(2).locator("td.by")).hasText(registrar.name());
        assertThat(history.nth(3)).containsText(words.followUpOpened());
        assertThat(history.nth(3).locator("td.by")).hasText(registrar.name());
        assertThat(history.nth(4)).containsText(words.followUpStatus());
        assertThat(history.nth(4)).containsText(note);
        assertThat(history.nth(4).locator("td.by")).hasText(registrar.name());
        assertThat(page.content()).doesNotContain(narrative).doesNotContain(municipality);
        browsers.noAccessibilityViolationsOnce(page, "case with its history");
        screenshot(page, "case-history-" + words.lang());
        browsers.assertClean();
    }
}
