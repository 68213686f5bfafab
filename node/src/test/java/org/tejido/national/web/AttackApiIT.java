package org.tejido.national.web;

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

/** A registrar's whole round trip through the HTTP API, on a real PostgreSQL. */
@NodeIntegrationTest
class AttackApiIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext node;

    Http http;

    @BeforeEach
    void setUp() {
        http = TestUsers.http(node, port, "registrar");
    }

    @Test
    void recordsCorrectsReclassifiesAndFollowsUpAnAttack() {
        String defender = Fixtures.newDefenderCode("HN");
        assertThat(http.postJson("/api/defenders", Fixtures.defenderJson(defender))
                        .status())
                .isEqualTo(201);

        Http.Response recorded = http.postJson(
                "/api/attacks",
                Fixtures.attack()
                        .defenders(defender)
                        .place("HN", "HN-CR")
                        .occurredOn("2023-07")
                        .types("criminalization", "smear-campaign")
                        .json());
        assertThat(recorded.status()).isEqualTo(201);
        String attackId = recorded.json().get("attackId").asText();

        JsonNode detail = awaitCase(attackId, c -> true);
        assertThat(detail.at("/facts/occurredOn").asText()).isEqualTo("2023-07");
        assertThat(detail.at("/facts/target/defenders/0").asText()).isEqualTo(defender);
        assertThat(detail.at("/classification/aggressionTypes").toString())
                .isEqualTo("[\"criminalization\",\"smear-campaign\"]");

        String corrected = Fixtures.attack()
                .defenders(defender)
                .place("HN", "HN-FM")
                .occurredOn("2023-07-04")
                .facts();
        assertThat(http.postJson(
                                "/api/attacks/" + attackId + "/corrections",
                                "{\"facts\":" + corrected + ",\"reason\":\"exact day confirmed\"}")
                        .status())
                .isEqualTo(204);
        assertThat(http.postJson(
                                "/api/attacks/" + attackId + "/reclassifications",
                                "{\"classification\":"
                                        + Fixtures.attack()
                                                .types("judicial-harassment")
                                                .classification()
                                        + ",\"reason\":\"court file read\"}")
                        .status())
                .isEqualTo(204);
        Http.Response followUp = http.postJson(
                "/api/attacks/" + attackId + "/follow-ups",
                "{\"kind\":\"legal-support\",\"status\":\"requested\",\"startedOn\":\"2023-07-10\",\"note\":null}");
        assertThat(followUp.status()).isEqualTo(201);
        String followUpId = followUp.json().get("followUpId").asText();
        assertThat(http.postJson(
                                "/api/follow-ups/" + followUpId + "/status-changes",
                                "{\"status\":\"in-progress\",\"note\":\"lawyer assigned\"}")
                        .status())
                .isEqualTo(204);

        JsonNode updated =
                awaitCase(attackId, c -> c.at("/followUps/0/status").asText().equals("in-progress"));
        assertThat(updated.get("corrections").asInt()).isEqualTo(2);
        assertThat(updated.at("/facts/location/subdivision").asText()).isEqualTo("HN-FM");
        assertThat(updated.at("/facts/occurredOn").asText()).isEqualTo("2023-07-04");
        assertThat(updated.at("/classification/aggressionTypes/0").asText()).isEqualTo("judicial-harassment");
        assertThat(updated.at("/followUps/0/kind").asText()).isEqualTo("legal-support");
        assertThat(updated.at("/followUps/0/note").asText()).isEqualTo("lawyer assigned");

        // Nothing was edited in place: every step is an event of its own.
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, attackId))
                .isEqualTo(3);
    }

    @Test
    void listsCasesFilteredByPeriodCategorySubdivisionAndStatus_paged() {
        String[] ids = new String[3];
        ids[0] = record(
                Fixtures.attack().place("SV", "SV-SS").occurredOn("2019-05-02").types("raid"));
        ids[1] = record(Fixtures.attack()
                .place("SV", "SV-SS")
                .occurredOn("2019-06")
                .types("raid", "death-threat")
                .verification("in-verification"));
        ids[2] =
                record(Fixtures.attack().place("SV", "SV-SA").occurredOn("2019").types("exile"));
        for (String id : ids) {
            awaitCase(id, c -> true);
        }

        JsonNode raidsInSanSalvador = http.get("/api/attacks?subdivision=SV-SS&type=raid&from=2019-01-01&to=2019-12-31")
                .json();
        // Keyset paging: no total is counted (ADR 0031).
        assertThat(raidsInSanSalvador.has("totalItems")).isFalse();
        assertThat(attackIds(raidsInSanSalvador)).contains(ids[0], ids[1]).doesNotContain(ids[2]);

        JsonNode movementGroup =
                http.get("/api/attacks?group=movement&subdivision=SV-SA").json();
        assertThat(attackIds(movementGroup)).contains(ids[2]).doesNotContain(ids[0], ids[1]);

        JsonNode beingVerified = http.get("/api/attacks?status=in-verification&subdivision=SV-SS")
                .json();
        assertThat(attackIds(beingVerified)).contains(ids[1]).doesNotContain(ids[0]);

        // A year-precision date overlaps any period inside that year.
        JsonNode june = http.get("/api/attacks?subdivision=SV-SA&from=2019-06-01&to=2019-06-30")
                .json();
        assertThat(attackIds(june)).contains(ids[2]);

        String query = "/api/attacks?subdivision=SV-SS&from=2019-01-01&to=2019-12-31&size=1";
        JsonNode firstPage = http.get(query).json();
        assertThat(firstPage.get("size").asInt()).isEqualTo(1);
        assertThat(firstPage.get("next").isTextual()).isTrue();
        JsonNode secondPage =
                http.get(query + "&after=" + firstPage.get("next").asText()).json();
        assertThat(firstPage.get("items")).hasSize(1);
        assertThat(secondPage.get("items")).hasSize(1);
        assertThat(attackIds(firstPage)).doesNotContainAnyElementsOf(attackIds(secondPage));
        // Newest first.
        assertThat(firstPage.at("/items/0/occurredOn").asText())
                .isGreaterThanOrEqualTo(secondPage.at("/items/0/occurredOn").asText());

        // Following `next` to the end visits every case of the filter once, and the last page says so.
        java.util.List<String> walked = new java.util.ArrayList<>();
        JsonNode page = http.get(query).json();
        while (true) {
            walked.addAll(attackIds(page));
            if (page.get("next").isNull()) {
                break;
            }
            page = http.get(query + "&after=" + page.get("next").asText()).json();
        }
        assertThat(walked)
                .doesNotHaveDuplicates()
                .contains(ids[0], ids[1])
                .containsExactlyElementsOf(
                        attackIds(http.get(query.replace("size=1", "size=100")).json()));
    }

    @Test
    void servesTheVocabularyWithBothLanguages() {
        JsonNode all = http.get("/api/vocabulary").json();
        assertThat(all.get("version").asText()).isEqualTo("tejido-vocabulary/v1");
        JsonNode types = http.get("/api/vocabulary/aggression-type").json();
        assertThat(types.get("terms").findValuesAsText("code")).contains("femicide", "doxxing", "defamation");
        JsonNode femicide = null;
        for (JsonNode t : types.get("terms")) {
            if (t.get("code").asText().equals("femicide")) {
                femicide = t;
            }
        }
        assertThat(femicide).isNotNull();
        assertThat(femicide.get("es").asText()).isEqualTo("Feminicidio");
        assertThat(femicide.get("en").asText()).isEqualTo("Femicide");
        assertThat(http.get("/api/vocabulary/no-such-list").problemCode()).isEqualTo("vocabulary.unknown-scheme");
    }

    @Test
    void servesItsOpenApiDocument() {
        // Public: no credentials needed.
        JsonNode doc = new Http(port).get("/v3/api-docs").json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/attacks")).isTrue();
        assertThat(doc.get("paths").has("/api/attacks/{attackId}/corrections")).isTrue();
        assertThat(doc.get("paths").has("/api/vocabulary")).isTrue();
        // The case list says how it pages: by cursor, with no count (ADR 0031).
        JsonNode list = doc.at("/paths/~1api~1attacks/get");
        assertThat(list.get("parameters").findValuesAsText("name"))
                .contains("after")
                .doesNotContain("page");
        for (JsonNode parameter : list.get("parameters")) {
            if (parameter.get("name").asText().equals("after")) {
                assertThat(parameter.get("description").asText()).contains("Keyset paging", "no total count");
            }
        }
        JsonNode page = doc.at("/components/schemas/CasePageView");
        assertThat(page.get("description").asText()).contains("no total count");
        assertThat(page.at("/properties/next/description").asText()).contains("null when this page is the last");
        assertThat(page.get("properties").has("totalItems")).isFalse();
    }

    @Test
    void exposesHealthAndPrometheusMetrics() {
        assertThat(new Http(port).get("/actuator/health").json().get("status").asText())
                .isEqualTo("UP");
        record(Fixtures.attack());
        http.postJson("/api/attacks", Fixtures.attack().types("not-a-code").json());
        String metrics =
                TestUsers.http(node, port, "admin").get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("tejido_commands_total{command=\"RecordAttackCommand\",outcome=\"handled\"}")
                .contains("tejido_commands_total{command=\"RecordAttackCommand\",outcome=\"refused\"}")
                .doesNotContain("tejido_commands_total{command=\"RecordAttackCommand\",outcome=\"rejected\"}")
                .contains("tejido_events_appended_total{event=\"AttackRecordedEvent\"}")
                .contains("tejido_projection_lag_events{projection=\"cases\"}");
    }

    private String record(Fixtures.AttackJson attack) {
        Http.Response response = http.postJson("/api/attacks", attack.json());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("attackId").asText();
    }

    private JsonNode awaitCase(String attackId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Http.Response response = http.get("/api/attacks/" + attackId);
            if (response.status() != 200 || !condition.test(response.json())) {
                return false;
            }
            found[0] = response.json();
            return true;
        });
        return found[0];
    }

    private static java.util.List<String> attackIds(JsonNode page) {
        return page.get("items").findValuesAsText("attackId");
    }
}
