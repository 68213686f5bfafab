package org.tejido.national.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/** A consent that expired while the node was down is expired as soon as the node is up again. */
class ConsentExpiryRestartIT {

    @Test
    void anExpiryThatPassedWhileTheNodeWasDownTakesEffectAtStartUp() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        String code = Fixtures.newDefenderCode("SV");
        Instant expiry;
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            Http registrar = TestNodes.http(node, "registrar");
            Http coordinator = TestNodes.http(node, "coordinator");
            assertThat(registrar
                            .postJson("/api/defenders", Fixtures.defenderJson(code))
                            .status())
                    .isEqualTo(201);
            expiry = Instant.now().plusSeconds(3);
            assertThat(coordinator
                            .putJson("/api/defenders/" + code + "/consent", Fixtures.consentJson("case", expiry))
                            .status())
                    .isEqualTo(204);
            assertThat(expiredEvents(node, code)).isZero();
        }
        // The node is down when the consent expires.
        while (Instant.now().isBefore(expiry.plusSeconds(1))) {
            Thread.sleep(200);
        }
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> expiredEvents(node, code) == 1);
            Http coordinator = TestNodes.http(node, "coordinator");
            Http.Response again =
                    coordinator.postJson("/api/defenders/" + code + "/consent/revocation", "{\"reason\":null}");
            assertThat(again.problemCode()).isEqualTo("consent.not-active");
        }
    }

    private static long expiredEvents(ConfigurableApplicationContext node, String code) {
        return node.getBean(JdbcTemplate.class)
                .queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                        Long.class,
                        "consent:defender:" + code,
                        ConsentExpiredEvent.class.getName());
    }
}
