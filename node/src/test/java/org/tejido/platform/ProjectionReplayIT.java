package org.tejido.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/** The read model is disposable: an admin replays it from the event store and gets the same rows. */
@NodeIntegrationTest
class ProjectionReplayIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext node;

    @Test
    void replayRebuildsTheCasesFromTheEventStoreAndReportsProgress() {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http http = TestUsers.http(node, port, "admin");
        for (int i = 0; i < 5; i++) {
            assertThat(registrar
                            .postJson("/api/attacks", Fixtures.attack().json())
                            .status())
                    .isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> caughtUp(http));
        List<Map<String, Object>> before = rows();
        // Damage the read model by hand: a replay must repair it.
        jdbc.update("UPDATE case_summary SET verification_status = 'dismissed'");

        Http.Response replay = http.postJson("/api/admin/projections/cases/replay", "");
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("name").asText()).isEqualTo("cases");

        await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp(http));
        assertThat(rows()).isEqualTo(before);
        assertThat(http.postJson("/api/admin/projections/nothing/replay", "").problemCode())
                .isEqualTo("projection.not-found");
        // The federation log is append-only: replaying it would append its history again.
        Http.Response refused = http.postJson("/api/admin/projections/federation-log/replay", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemCode()).isEqualTo("projection.not-resettable");
    }

    private static boolean caughtUp(Http http) {
        JsonNode status = http.get("/api/admin/projections/cases").json();
        return status.get("lag").asLong() == 0
                && !status.get("replaying").asBoolean()
                && status.get("position").asLong() == status.get("head").asLong();
    }

    private List<Map<String, Object>> rows() {
        return jdbc.queryForList(
                "SELECT attack_id, occurred_on, subdivision, aggression_types::text, verification_status,"
                        + " corrections, recorded_at FROM case_summary ORDER BY attack_id");
    }
}
