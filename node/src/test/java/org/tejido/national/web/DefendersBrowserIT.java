package org.tejido.national.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.Locale;
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
import org.tejido.support.SecurityLog;
import org.tejido.support.TestUsers;
import org.tejido.support.TestUsers.Person;

/**
 * The defenders' pages in a real browser, once in Spanish and once in English. A registrar registers
 * a defender (refused first, the error beside the code), records her identity, and sees her page
 * without it until she presses the button (then the access log has the read). A coordinator (who signs
 * in with a one-time code) grants consent to an attack naming her after reading the preview of exactly
 * what would leave the node (the shared view's fields, never the narrative), then grants and revokes
 * the defender's own consent; and erases her after the confirmation page: a wrong code typed is
 * refused and changes nothing, the right one erases, her identity is gone from her page and the
 * attack's consent is revoked. axe-core on every page (once per template and state, in the first language that
 * reaches it: the defender's consent form is the attack's template); no console error, no request off the node, and nothing
 * typed that identifies her in any log line.
 */
@NodeIntegrationTest
class DefendersBrowserIT {
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

    /** The words a test reads or presses, in each language. */
    record Words(
            String locale,
            String lang,
            String codeMalformed,
            String show,
            String codeMismatch,
            String deathThreat,
            String consentRecorded,
            String consentRevoked) {}

    static final Words SPANISH = new Words(
            "es-ES",
            "es",
            "Escriba el código con las dos letras del país",
            "Mostrar datos identificatorios",
            "El código escrito no es el de esta defensora. No se borró nada.",
            "Amenaza de muerte (death-threat)",
            "El consentimiento quedó registrado.",
            "El consentimiento quedó retirado.");

    static final Words ENGLISH = new Words(
            "en-US",
            "en",
            "Write the code as the two letters of the country",
            "Show identifying data",
            "The code typed is not this defender's. Nothing was erased.",
            "Death threat (death-threat)",
            "The consent was recorded.",
            "The consent was revoked.");

    @Test
    void registerRevealConsentRevokeAndEraseInSpanish() {
        flow(SPANISH);
    }

    @Test
    void registerRevealConsentRevokeAndEraseInEnglish() {
        flow(ENGLISH);
    }

    private void flow(Words words) {
        String origin = "http://localhost:" + port;
        String unique = Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
        String code = "MX-B" + unique;
        String fullName = "Nombre Sintético " + unique;
        String contact = "contacto-" + unique + "@example.invalid";
        String address = "Calle Sintética " + unique;
        String narrative = "Relato sintético " + unique;
        String municipality = "Municipio " + unique;
        String summary = "Resumen para compartir " + unique;
        Person registrar = TestUsers.person(node, "registrar");
        Person coordinator = TestUsers.person(node, "coordinator");
        Http coordinatorApi = TestUsers.http(node, port, "coordinator");

        try (SecurityLog log = SecurityLog.capture()) {
            // ---- a registrar: register her, wrong first
            Page page = browsers.open(origin, true, words.locale());
            page.navigate(origin + "/defenders");
            Browsers.signIn(page, registrar);
            assertThat(page).hasURL(origin + "/defenders");
            Browsers.inLanguage(page, words.lang());
            browsers.noAccessibilityViolationsOnce(page, "defenders");
            page.locator("a[href='/defenders/new']").click();
            assertThat(page).hasURL(origin + "/defenders/new");
            browsers.noAccessibilityViolationsOnce(page, "register form");
            page.locator("#code").fill("mx 42 " + unique);
            page.selectOption("#country", "MX");
            page.selectOption("#kind", "individual");
            page.locator("#rights-land-and-territory").check();
            page.locator("#defender button[type=submit]").click();
            assertThat(page.locator("#error-summary a[href='#code']")).containsText(words.codeMalformed());
            assertThat(page.locator("#code-error")).containsText(words.codeMalformed());
            assertThat(page.locator("#code")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#code").getAttribute("aria-describedby")).contains("code-error");
            assertThat(page.locator("#country")).hasValue("MX");
            assertThat(page.locator("#rights-land-and-territory")).isChecked();
            browsers.noAccessibilityViolationsOnce(page, "register form with an error");
            assertThat(coordinatorApi.get("/api/defenders/" + code).status()).isEqualTo(404);

            page.locator("#code").fill(code);
            page.locator("#defender button[type=submit]").click();
            assertThat(page).hasURL(origin + "/defenders/" + code);
            assertThat(page.locator("main")).containsText(code);

            // ---- her identity: recorded, then shown only after the button
            page.locator("a[href='/defenders/" + code + "/identity']").click();
            browsers.noAccessibilityViolationsOnce(page, "identity form");
            page.locator("#fullName").fill(fullName);
            page.locator("#contacts").fill(contact);
            page.locator("#exactAddress").fill(address);
            page.locator("#identity button[type=submit]").click();
            assertThat(page).hasURL(origin + "/defenders/" + code);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(words.show())))
                    .isVisible();
            assertThat(page.content())
                    .doesNotContain(fullName)
                    .doesNotContain(contact)
                    .doesNotContain(address);
            browsers.noAccessibilityViolationsOnce(page, "defender");
            Browsers.screenshot(page, "defender-" + words.lang());
            String reads = "/api/access-log?subjectKind=defender&subjectId=" + code;
            assertThat(coordinatorApi.get(reads).json()).isEmpty();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(words.show()))
                    .click();
            assertThat(page.locator("#full-name")).hasText(fullName);
            assertThat(page.locator("#contacts")).containsText(contact);
            assertThat(page.locator("#exact-address")).hasText(address);
            assertThat(page.url())
                    .doesNotContain("Nombre")
                    .doesNotContain("contacto")
                    .endsWith("/identifying-data");
            browsers.noAccessibilityViolationsOnce(page, "defender with her identity");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !coordinatorApi.get(reads).json().isEmpty());
            assertThat(coordinatorApi.get(reads).json()).hasSize(1);
            assertThat(coordinatorApi.get(reads).json().get(0).path("reader").asText())
                    .isEqualTo(registrar.name());
            page.navigate(origin + "/defenders/" + code + "/profile");
            browsers.noAccessibilityViolationsOnce(page, "profile form");

            // An attack naming her, with a narrative that must never leave.
            Http registrarApi = TestUsers.http(node, port, "registrar");
            Http.Response recorded = registrarApi.postJson(
                    "/api/attacks",
                    Fixtures.attack()
                            .defenders(code)
                            .occurredOn("2025-06-07")
                            .place("MX", "MX-CHP")
                            .types("death-threat")
                            .municipality(municipality)
                            .narrative(narrative)
                            .json());
            assertThat(recorded.status()).isEqualTo(201);
            String attackId = recorded.json().path("attackId").asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> coordinatorApi
                                            .get("/api/attacks/" + attackId + "/consent")
                                            .status()
                                    == 200
                            && coordinatorApi
                                    .get("/api/attacks/" + attackId + "/consent")
                                    .json()
                                    .path("source")
                                    .asText()
                                    .equals("defenders"));

            // ---- a coordinator: consent for the attack, after its preview
            page = browsers.open(origin, true, words.locale());
            page.navigate(origin + "/cases/" + attackId + "/consent");
            Browsers.signIn(page, coordinator);
            assertThat(page).hasURL(origin + "/cases/" + attackId + "/consent");
            browsers.noAccessibilityViolationsOnce(page, "attack consent");
            page.locator("#scope-case").check();
            page.selectOption("#basis", "informed-written");
            page.selectOption("#grantorKind", "defender");
            page.locator("#grantedOn").fill("2025-06-10");
            page.locator("#sharingSummary").fill(summary);
            page.locator("#consent button[type=submit]").click();
            assertThat(page.locator("#preview-scope")).isVisible();
            Page preview = page;
            assertThat(preview.locator("dd[data-field=summary]")).hasText(summary);
            assertThat(preview.locator("dd[data-field=occurredOn]")).hasText("2025-06-07");
            assertThat(preview.locator("dd[data-field=aggressionTypes]")).hasText(words.deathThreat());
            String caseId = preview.locator("dd[data-field=caseId]").innerText().strip();
            assertThat(caseId).isNotBlank().isNotEqualTo(attackId);
            // She alone is affected: one pseudonym leaves, shown as a count.
            assertThat(preview.locator("dd[data-field=contributors]")).hasText("1");
            assertThat(preview.content())
                    .doesNotContain("ctb-")
                    .doesNotContain(narrative)
                    .doesNotContain(municipality)
                    .doesNotContain(fullName)
                    .doesNotContain(code);
            browsers.noAccessibilityViolationsOnce(page, "consent preview");
            Browsers.screenshot(page, "consent-preview-" + words.lang());
            // Nothing recorded by the preview.
            assertThat(coordinatorApi
                            .get("/api/attacks/" + attackId + "/consent")
                            .json()
                            .path("scope")
                            .asText())
                    .isEqualTo("none");
            page.locator("#confirm button[type=submit]").click();
            assertThat(page).hasURL(origin + "/cases/" + attackId + "/consent?done=recorded");
            assertThat(page.locator("#done")).hasText(words.consentRecorded());
            var shared = coordinatorApi
                    .get("/api/attacks/" + attackId + "/shared-view")
                    .json();
            assertThat(shared.path("scope").asText()).isEqualTo("case");
            assertThat(shared.path("shared").path("caseId").asText()).isEqualTo(caseId);
            assertThat(shared.path("shared").path("summary").asText()).isEqualTo(summary);

            // ---- her own consent: previewed for the attack naming her, confirmed, then revoked
            page.navigate(origin + "/defenders/" + code + "/consent");
            page.locator("#scope-statistics").check();
            page.selectOption("#basis", "informed-oral");
            page.selectOption("#grantorKind", "defender");
            page.locator("#grantedOn").fill("2025-06-10");
            page.locator("#consent button[type=submit]").click();
            // The attack has a consent of its own: hers would change nothing of what leaves of it.
            assertThat(page.locator("section.preview")).hasCount(1);
            assertThat(page.locator("section.preview dd[data-field=caseId]")).hasText(caseId);
            assertThat(page.content()).doesNotContain(narrative).doesNotContain(fullName);
            page.locator("#confirm button[type=submit]").click();
            assertThat(page).hasURL(origin + "/defenders/" + code + "/consent?done=recorded");
            page.locator("#revocationReason").fill("Lo pidió ella");
            page.locator("#revoke button[type=submit]").click();
            assertThat(page).hasURL(origin + "/defenders/" + code + "/consent?done=revoked");
            assertThat(page.locator("#done")).containsText(words.consentRevoked());
            assertThat(page.locator("#revoke")).hasCount(0);

            // ---- erasure: the confirmation page, a wrong code refused, then the right one
            page.navigate(origin + "/defenders/" + code);
            page.locator("a[href='/defenders/" + code + "/erasure']").click();
            assertThat(page).hasURL(origin + "/defenders/" + code + "/erasure");
            browsers.noAccessibilityViolationsOnce(page, "erasure");
            Browsers.screenshot(page, "erasure-" + words.lang());
            page.locator("#confirmCode").fill("MX-B0WRONG");
            page.locator("#reason").fill("Pedido de la defensora");
            page.locator("#erase button[type=submit]").click();
            assertThat(page.locator("#error-summary a[href='#confirmCode']")).hasText(words.codeMismatch());
            assertThat(page.locator("#confirmCode-error")).hasText(words.codeMismatch());
            assertThat(page.locator("#confirmCode")).hasAttribute("aria-invalid", "true");
            assertThat(coordinatorApi
                            .get("/api/defenders/" + code)
                            .json()
                            .path("erasedAt")
                            .isNull())
                    .isTrue();
            assertThat(coordinatorApi
                            .get("/api/attacks/" + attackId + "/consent")
                            .json()
                            .path("scope")
                            .asText())
                    .isEqualTo("case");

            page.locator("#confirmCode").fill(code);
            page.locator("#erase button[type=submit]").click();
            assertThat(page).hasURL(origin + "/defenders/" + code);
            assertThat(page.locator("#identity-erased")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(words.show())))
                    .hasCount(0);
            assertThat(page.content()).doesNotContain(fullName).doesNotContain(contact);
            var erased = coordinatorApi
                    .get("/api/defenders/" + code + "?identity=true")
                    .json();
            assertThat(erased.path("erasedAt").isNull()).isFalse();
            assertThat(erased.path("identity").isNull()).isTrue();
            // The erasure revokes the attack's own consent: nothing of it leaves any more.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> coordinatorApi
                            .get("/api/attacks/" + attackId + "/consent")
                            .json()
                            .path("scope")
                            .asText()
                            .equals("none"));

            assertThat(String.join("\n", log.lines()))
                    .doesNotContain(fullName)
                    .doesNotContain(contact)
                    .doesNotContain(address)
                    .doesNotContain("MX-B0WRONG")
                    .doesNotContain("mx 42 " + unique);
        }
        browsers.assertClean();
    }
}
