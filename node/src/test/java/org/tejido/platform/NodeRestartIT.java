package org.tejido.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.projections.Projections;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;

/**
 * A node stopped and started again on the same database keeps its records, and its projection resumes
 * from the position stored in the database instead of replaying: the token store is the JDBC one,
 * with the embedded and with an external PostgreSQL.
 */
class NodeRestartIT {
    /** Axon's GapAwareTrackingToken, serialized by Jackson: {"index":12,"gaps":[...]}. */
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    @Test
    void recordsAndProjectionPositionsSurviveARestart() {
        TestDatabase database = TestDatabase.fresh();
        String attackId;
        long positionBeforeStop;
        String token;

        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            assertThat(node.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
            token = TestUsers.token(node, "registrar");
            Http http = http(node).as(token);
            attackId = http.postJson("/api/attacks", Fixtures.attack().json())
                    .json()
                    .get("attackId")
                    .asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> http.get("/api/attacks/" + attackId).status() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedPosition(node) == head(node));
            positionBeforeStop = storedPosition(node);
        }

        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            assertThat(storedPosition(node)).isEqualTo(positionBeforeStop);
            assertThat(node.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
            // The user and her token live in the node's database: they survive the restart too.
            Http http = http(node).as(token);
            // The list, not the case itself: reading a case is logged, which would append an event and
            // move the projection on, and this test wants to see it stand still.
            assertThat(http.get("/api/attacks").json().get("items").findValuesAsText("attackId"))
                    .contains(attackId);
            // The projection did not start over: the same single row, and the token never went back.
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM case_summary", Long.class))
                    .isEqualTo(1);
            Projections projections = node.getBean(Projections.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> projections.status("cases").position() == positionBeforeStop);
            assertThat(projections.status("cases").replaying()).isFalse();
            assertThat(projections.status("cases").error()).isFalse();
            assertThat(storedPosition(node)).isEqualTo(positionBeforeStop);
        }
    }

    private static Http http(ConfigurableApplicationContext node) {
        return new Http(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    /** The position the cases projection has stored in tokenentry (read from the database itself). */
    private static long storedPosition(ConfigurableApplicationContext node) {
        List<String> tokens = node.getBean(JdbcTemplate.class)
                .queryForList(
                        "SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = 'cases'"
                                + " AND token IS NOT NULL",
                        String.class);
        return tokens.stream()
                .map(TOKEN_INDEX::matcher)
                .filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1)))
                .min()
                .orElse(-1);
    }

    private static long head(ConfigurableApplicationContext node) {
        return node.getBean(JdbcTemplate.class)
                .queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
    }
}
