package org.tejido.national.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/** Consent decides what would leave the node, per attack, with the most restrictive defender winning. */
@NodeIntegrationTest
class ConsentIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    JdbcTemplate jdbc;

    Http registrar;
    Http coordinator;

    @BeforeEach
    void setUp() {
        registrar = TestUsers.http(node, port, "registrar");
        coordinator = TestUsers.http(node, port, "coordinator");
    }

    @Test
    void withoutAnyConsentNothingLeaves() {
        String attack = record(Fixtures.attack());
        JsonNode preview = awaitPreview(attack, "none");
        assertThat(preview.get("source").asText()).isEqualTo("default");
        assertThat(preview.get("shared").isNull()).isTrue();
    }

    @Test
    void anAttackFollowsItsDefendersAndTheMostRestrictiveWins() {
        String ana = defender("statistics");
        String bea = defender("case");
        String attack = record(Fixtures.attack().defenders(ana, bea).occurredOn("2024-03-15"));
        JsonNode preview = awaitPreview(attack, "statistics");
        assertThat(preview.get("source").asText()).isEqualTo("defenders");
        JsonNode shared = preview.get("shared");
        assertThat(shared.get("period").asText()).isEqualTo("2024-03");
        assertThat(shared.toString())
                .doesNotContain("Synthetic narrative")
                .doesNotContain(ana)
                .doesNotContain(bea);

        String onlyBea = record(Fixtures.attack().defenders(bea).occurredOn("2024-03-15"));
        assertThat(coordinator
                        .putJson(
                                "/api/attacks/" + onlyBea + "/sharing-summary",
                                "{\"summary\":\"Threats after a community assembly.\"}")
                        .status())
                .isEqualTo(204);
        JsonNode casePreview = awaitPreview(onlyBea, "case");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registrar
                        .get("/api/attacks/" + onlyBea + "/shared-view")
                        .json()
                        .at("/shared/summary")
                        .asText()
                        .equals("Threats after a community assembly."));
        JsonNode caseShare =
                registrar.get("/api/attacks/" + onlyBea + "/shared-view").json().get("shared");
        assertThat(caseShare.get("occurredOn").asText()).isEqualTo("2024-03-15");
        assertThat(caseShare.get("caseId").asText()).startsWith("case-").doesNotContain(onlyBea);
        // The preview is what leaves: Bea as one pseudonym, never her code.
        assertThat(caseShare.at("/statistics/contributors")).hasSize(1);
        assertThat(caseShare.at("/statistics/contributors/0").asText()).matches("ctb-[0-9a-f]{32}");
        assertThat(caseShare.toString()).doesNotContain(bea);
        assertThat(casePreview.toString()).doesNotContain("Municipio Ficticio");
    }

    @Test
    void anAttacksOwnConsentOverridesItsDefendersAndRevocationEndsIt() {
        String ana = defender("case");
        String attack = record(Fixtures.attack().defenders(ana));
        awaitPreview(attack, "case");
        assertThat(coordinator
                        .putJson("/api/attacks/" + attack + "/consent", Fixtures.consentJson("none"))
                        .status())
                .isEqualTo(204);
        assertThat(awaitPreview(attack, "none").get("source").asText()).isEqualTo("attack");

        assertThat(coordinator
                        .postJson("/api/attacks/" + attack + "/consent/revocation", "{\"reason\":\"withdrawn\"}")
                        .status())
                .isEqualTo(204);
        // Without its own consent any more, the attack follows its defender again.
        assertThat(awaitPreview(attack, "case").get("source").asText()).isEqualTo("defenders");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                        Long.class,
                        "consent:attack:" + attack,
                        ConsentRevokedEvent.class.getName()))
                .isEqualTo(1);

        Http.Response again =
                coordinator.postJson("/api/attacks/" + attack + "/consent/revocation", "{\"reason\":null}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemCode()).isEqualTo("consent.not-active");
    }

    @Test
    void badConsentsAreRefusedAndChangeNothing() {
        String ana = defender(null);
        long before = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        assertThat(coordinator
                        .putJson("/api/defenders/" + ana + "/consent", Fixtures.consentJson("everything"))
                        .problemCode())
                .isEqualTo("vocabulary.unknown-code");
        assertThat(coordinator
                        .putJson("/api/defenders/MX-NOBODY-9/consent", Fixtures.consentJson("case"))
                        .problemCode())
                .isEqualTo("consent.subject-not-found");
        assertThat(coordinator
                        .putJson(
                                "/api/defenders/" + ana + "/consent",
                                Fixtures.consentJson("case", java.time.Instant.parse("2020-01-01T00:00:00Z")))
                        .problemCode())
                .isEqualTo("consent.expiry-in-past");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class))
                .isEqualTo(before);
    }

    private String defender(String scope) {
        String code = Fixtures.newDefenderCode("MX");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        if (scope != null) {
            assertThat(coordinator
                            .putJson("/api/defenders/" + code + "/consent", Fixtures.consentJson(scope))
                            .status())
                    .isEqualTo(204);
        }
        return code;
    }

    private String record(Fixtures.AttackJson attack) {
        Http.Response response = registrar.postJson("/api/attacks", attack.json());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("attackId").asText();
    }

    private JsonNode awaitPreview(String attackId, String scope) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Http.Response r = registrar.get("/api/attacks/" + attackId + "/shared-view");
            if (r.status() != 200 || !r.json().get("scope").asText().equals(scope)) {
                return false;
            }
            found[0] = r.json();
            return true;
        });
        return found[0];
    }
}
