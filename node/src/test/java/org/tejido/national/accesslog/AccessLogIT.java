package org.tejido.national.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/** Every read of identifying data leaves a trace a coordinator can query; an analyst cannot read it. */
@NodeIntegrationTest
class AccessLogIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRegistrarReadingACaseIsLoggedAndAnAnalystIsRefused() {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        Http analyst = TestUsers.http(node, port, "analyst");
        String attackId = registrar
                .postJson("/api/attacks", Fixtures.attack().json())
                .json()
                .get("attackId")
                .asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM case_summary WHERE attack_id = ?::uuid", Long.class, attackId)
                        == 1);

        assertThat(registrar
                        .get("/api/attacks/" + attackId)
                        .json()
                        .get("personalData")
                        .asText())
                .isEqualTo("SHOWN");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> entries(coordinator, attackId).size() == 1);
        JsonNode entry = entries(coordinator, attackId).get(0);
        assertThat(entry.get("reader").asText()).startsWith("it-registrar-");
        assertThat(entry.get("role").asText()).containsIgnoringCase("registrar");
        assertThat(entry.get("subjectKind").asText()).isEqualTo("attack");
        assertThat(entry.get("at").asText()).isNotBlank();

        assertThat(analyst.get("/api/attacks/" + attackId).status()).isEqualTo(403);
        assertThat(analyst.get("/api/access-log").status()).isEqualTo(403);
        assertThat(registrar.get("/api/access-log").status()).isEqualTo(403);
        assertThat(registrar.get("/api/attacks?size=5").status()).isEqualTo(200);
        // One more read: the log then holds exactly two entries, so neither the refused read nor the
        // list (which shows no identifying data) left one.
        assertThat(registrar.get("/api/attacks/" + attackId).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> entries(coordinator, attackId).size() >= 2);
        assertThat(entries(coordinator, attackId)).hasSize(2);
    }

    private static JsonNode entries(Http coordinator, String attackId) {
        return coordinator
                .get("/api/access-log?subjectKind=attack&subjectId=" + attackId)
                .json();
    }
}
