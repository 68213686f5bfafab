package org.tejido.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * Issue 20: one event a read model fails on must not stop the read side for everyone. Here the failure
 * is real and can be fixed: a test trigger makes PostgreSQL refuse one row of a read model (the case
 * list's row of an attack of a given date, a follow-up of a given start date), the way a bug or a
 * constraint would. The event is parked with its error, the processor goes on, an admin sees it without
 * its content, retries it (it stays parked while the cause is there, goes through once it is gone) or
 * drops it, and a replay passes it.
 */
@NodeIntegrationTest
class ParkedEventsIT {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext node;

    Http registrar;
    Http admin;

    @BeforeEach
    void setUp() {
        registrar = TestUsers.http(node, port, "registrar");
        admin = TestUsers.http(node, port, "admin");
    }

    @Test
    void aFailingEventIsParkedWithItsCause_theOthersGoOn_andARetryPassesItOnceTheCauseIsGone() {
        String bad;
        String later;
        String id;
        refuse("test_refuse_1903", "case_summary", "NEW.occurred_on = '1903-04-05'");
        try {
            bad = record(Fixtures.attack().occurredOn("1903-04-05"));
            later = record(Fixtures.attack().occurredOn("1903-04-06"));
            // The processor went on: the attack recorded after the bad one is listed and readable.
            await().atMost(PATIENCE)
                    .until(() -> registrar.get("/api/attacks/" + later).status() == 200);
            assertThat(listedIds("1903-04-06")).contains(later);
            assertThat(listedIds("1903-04-05")).doesNotContain(bad);
            assertThat(registrar.get("/api/attacks/" + bad).status()).isEqualTo(404);

            JsonNode parked = awaitParked(bad);
            id = parked.get("id").asText();
            assertThat(parked.get("processor").asText()).isEqualTo("cases");
            assertThat(parked.get("group").asText()).isEqualTo("cases");
            assertThat(parked.get("eventType").asText()).isEqualTo("AttackRecordedEvent");
            assertThat(parked.get("eventId").asText()).isNotBlank();
            assertThat(parked.get("eventTime").asText()).isNotBlank();
            assertThat(parked.get("parkedAt").asText()).isNotBlank();
            assertThat(parked.get("causeType").asText()).isNotBlank();
            // The trigger's SQLSTATE (raise_exception), not its message.
            assertThat(parked.get("causeCode").asText()).isEqualTo("SQLSTATE P0001");
            String listing =
                    admin.get("/api/admin/projections/cases/dead-letters").body();
            assertThat(listing)
                    .doesNotContain("payload")
                    .doesNotContain("refused by a test trigger")
                    .doesNotContain("Synthetic narrative")
                    .doesNotContain("1903-04-05");
            assertThat(storedCauseMessage(id)).isEqualTo("SQLSTATE P0001");

            // Seen in the status and in the metric.
            assertThat(admin.get("/api/admin/projections/cases")
                            .json()
                            .get("parked")
                            .asLong())
                    .isPositive();
            assertThat(parkedMetric()).isPositive();

            // While the cause is there, a retry fails again and the event stays parked.
            Http.Response retry = admin.postJson("/api/admin/projections/cases/dead-letters/" + id + "/retry", "");
            assertThat(retry.status()).as(retry.body()).isEqualTo(200);
            assertThat(retry.json().get("stillParked").asInt()).isEqualTo(1);
            assertThat(retry.json().get("handled").asInt()).isZero();
            assertThat(parkedIds()).contains(id);
            assertThat(registrar.get("/api/attacks/" + bad).status()).isEqualTo(404);
        } finally {
            allow("test_refuse_1903", "case_summary");
        }
        // The cause is gone: the retry goes through, the event leaves the queue and the case is listed.
        Http.Response retry = admin.postJson("/api/admin/projections/cases/dead-letters/" + id + "/retry", "");
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("handled").asInt()).isEqualTo(1);
        assertThat(parkedIds()).doesNotContain(id);
        assertThat(registrar.get("/api/attacks/" + bad).status()).isEqualTo(200);
        assertThat(listedIds("1903-04-05")).contains(bad);
    }

    /**
     * The failing statement is one of a handler's own (not a row written at the end of the batch): the
     * transaction it breaks holds the other events' rows, so the event can only be parked from a retry
     * of the batch in which each handler runs in a savepoint.
     */
    @Test
    void aHandlerStatementFailingMidBatchParksOnlyItsEvent_andRetryAllPassesItOnceFixed() {
        String attack = record(Fixtures.attack());
        await().atMost(PATIENCE)
                .until(() -> registrar.get("/api/attacks/" + attack).status() == 200);
        String failing;
        String fine;
        refuse("test_refuse_1906", "case_follow_up", "NEW.started_on = DATE '1906-07-08'");
        try {
            failing = openFollowUp(attack, "1906-07-08");
            fine = openFollowUp(attack, "2024-04-01");
            String later = record(Fixtures.attack());
            await().atMost(PATIENCE)
                    .until(() -> registrar.get("/api/attacks/" + later).status() == 200);
            await().atMost(PATIENCE).until(() -> followUps(attack).contains(fine));
            assertThat(followUps(attack)).doesNotContain(failing);
            JsonNode parked = awaitParked(failing);
            assertThat(parked.get("eventType").asText()).isEqualTo("FollowUpOpenedEvent");
            assertThat(parked.get("group").asText()).isEqualTo("cases");
        } finally {
            allow("test_refuse_1906", "case_follow_up");
        }
        Http.Response retryAll = admin.postJson("/api/admin/projections/cases/dead-letters/retry", "");
        assertThat(retryAll.status()).as(retryAll.body()).isEqualTo(200);
        assertThat(retryAll.json().get("handled").asInt()).isPositive();
        assertThat(parkedSequences()).doesNotContain(failing);
        assertThat(followUps(attack)).contains(failing, fine);
    }

    @Test
    void anAdminDropsAParkedEvent_itsReadModelNeverGetsIt() {
        String bad;
        String id;
        refuse("test_refuse_1904", "case_summary", "NEW.occurred_on = '1904-05-06'");
        try {
            bad = record(Fixtures.attack().occurredOn("1904-05-06"));
            id = awaitParked(bad).get("id").asText();
        } finally {
            allow("test_refuse_1904", "case_summary");
        }
        Http.Response drop = admin.request("DELETE", "/api/admin/projections/cases/dead-letters/" + id, null, "en");
        assertThat(drop.status()).as(drop.body()).isEqualTo(204);
        assertThat(parkedIds()).doesNotContain(id);
        Http.Response again = admin.request("DELETE", "/api/admin/projections/cases/dead-letters/" + id, null, "en");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problemCode()).isEqualTo("dead-letter.not-found");
        assertThat(admin.postJson("/api/admin/projections/cases/dead-letters/" + id + "/retry", "")
                        .problemCode())
                .isEqualTo("dead-letter.not-found");
        // Dropped is dropped: the case never reaches the list (until a replay handles it again).
        String later = record(Fixtures.attack());
        await().atMost(PATIENCE)
                .until(() -> registrar.get("/api/attacks/" + later).status() == 200);
        assertThat(registrar.get("/api/attacks/" + bad).status()).isEqualTo(404);
    }

    @Test
    void aReplayPassesAFailingEventAndParksItAgain() {
        String bad;
        String before = record(Fixtures.attack());
        refuse("test_refuse_1905", "case_summary", "NEW.occurred_on = '1905-06-07'");
        try {
            bad = record(Fixtures.attack().occurredOn("1905-06-07"));
            String firstParking = awaitParked(bad).get("id").asText();

            Http.Response replay = admin.postJson("/api/admin/projections/cases/replay", "");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            String after = record(Fixtures.attack());
            await().atMost(Duration.ofSeconds(60)).until(this::casesCaughtUp);
            assertThat(registrar.get("/api/attacks/" + before).status()).isEqualTo(200);
            await().atMost(PATIENCE)
                    .until(() -> registrar.get("/api/attacks/" + after).status() == 200);
            assertThat(registrar.get("/api/attacks/" + bad).status()).isEqualTo(404);
            // The replay emptied the queue and met the event again: parked anew.
            JsonNode again = awaitParked(bad);
            assertThat(again.get("id").asText()).isNotEqualTo(firstParking);
        } finally {
            allow("test_refuse_1905", "case_summary");
        }
        admin.postJson("/api/admin/projections/cases/dead-letters/retry", "");
        assertThat(registrar.get("/api/attacks/" + bad).status()).isEqualTo(200);
    }

    @Test
    void projectionsThatDoNotParkSaySo() {
        Http.Response log = admin.get("/api/admin/projections/federation-log/dead-letters");
        assertThat(log.status()).isEqualTo(409);
        assertThat(log.problemCode()).isEqualTo("projection.no-dead-letters");
        assertThat(admin.get("/api/admin/projections/nothing/dead-letters").problemCode())
                .isEqualTo("projection.not-found");
        assertThat(admin.get("/api/admin/projections/federation-log")
                        .json()
                        .get("parked")
                        .asLong())
                .isZero();
    }

    private String record(Fixtures.AttackJson attack) {
        Http.Response response = registrar.postJson("/api/attacks", attack.json());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("attackId").asText();
    }

    private String openFollowUp(String attackId, String startedOn) {
        Http.Response response = registrar.postJson(
                "/api/attacks/" + attackId + "/follow-ups",
                "{\"kind\":\"alert\",\"status\":\"requested\",\"startedOn\":\"" + startedOn + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("followUpId").asText();
    }

    private List<String> followUps(String attackId) {
        List<String> ids = new ArrayList<>();
        registrar
                .get("/api/attacks/" + attackId)
                .json()
                .path("followUps")
                .forEach(f -> ids.add(f.path("followUpId").asText()));
        return ids;
    }

    /** The attacks the case list shows for one day. */
    private List<String> listedIds(String day) {
        List<String> ids = new ArrayList<>();
        registrar
                .get("/api/attacks?size=100&from=" + day + "&to=" + day)
                .json()
                .path("items")
                .forEach(c -> ids.add(c.path("attackId").asText()));
        return ids;
    }

    private JsonNode awaitParked(String sequenceId) {
        return await().atMost(PATIENCE)
                .until(() -> parked(sequenceId), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<JsonNode> parked(String sequenceId) {
        Http.Response response = admin.get("/api/admin/projections/cases/dead-letters");
        if (response.status() != 200) {
            return Optional.empty();
        }
        for (JsonNode letter : response.json().path("parked")) {
            if (letter.path("sequenceId").asText().equals(sequenceId)) {
                return Optional.of(letter);
            }
        }
        return Optional.empty();
    }

    private List<String> parkedIds() {
        return jdbc.queryForList("SELECT deadletteridentifier FROM deadletterentry", String.class);
    }

    private List<String> parkedSequences() {
        return jdbc.queryForList("SELECT sequenceidentifier FROM deadletterentry", String.class);
    }

    private String storedCauseMessage(String id) {
        return jdbc.queryForObject(
                "SELECT causemessage FROM deadletterentry WHERE deadletteridentifier = ?", String.class, id);
    }

    private double parkedMetric() {
        String metrics = admin.get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("tejido_projection_dead_letters\\{projection=\"cases\"} ([0-9.E+]+)")
                .matcher(metrics);
        assertThat(m.find()).as(metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private boolean casesCaughtUp() {
        JsonNode status = admin.get("/api/admin/projections/cases").json();
        return status.get("lag").asLong() == 0
                && !status.get("replaying").asBoolean()
                && status.get("position").asLong() == status.get("head").asLong();
    }

    /** A trigger that makes PostgreSQL refuse the rows matching {@code condition}, as a bug would. */
    private void refuse(String name, String table, String condition) {
        jdbc.execute("CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF " + condition + " THEN RAISE EXCEPTION 'refused by a test trigger'; END IF;"
                + " RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
    }

    private void allow(String name, String table) {
        jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
        jdbc.execute("DROP FUNCTION IF EXISTS " + name + "()");
    }
}
