package org.tejido.national.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackRecordedEvent;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.national.protection.Protector;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * Issue 20: before the command refused it, an attack naming the same defender twice was recorded, and
 * such events stay in the event stores of the nodes that took them. The consent projection (one row per
 * attack and defender) failed on them for ever, and with it every read model of the processor. Such an
 * event, appended to the store as it was recorded then, is now projected: her once, and everything after
 * it too.
 */
@NodeIntegrationTest
class LegacyDuplicateDefenderIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    Protector protector;

    @Autowired
    ApplicationContext node;

    @Test
    void anAttackRecordedWithTheSameDefenderTwiceBeforeTheFixIsProjectedWithHerOnce() {
        Http registrar = TestUsers.http(node, port, "registrar");
        String code = Fixtures.newDefenderCode("MX");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        String attackId = UUID.randomUUID().toString();
        AttackFacts facts = new AttackFacts(
                new Target("defender", null, List.of(code, code)),
                PartialDate.parse("2024-03-15"),
                new Location("MX", "MX-OAX", "Municipio Ficticio"),
                List.of(new Source("direct-testimony", "confirmed")),
                "verified",
                "Synthetic narrative for tests.");
        AttackRecordedEvent recordedThen = new AttackRecordedEvent(
                attackId,
                facts.withoutPersonalData(),
                new Classification(List.of("death-threat"), List.of(), List.of(), List.of()),
                protector.sealUnderNewKey(facts.personalData()));
        eventStore.publish(new GenericDomainEventMessage<>("Attack", attackId, 0L, recordedThen));

        String later = registrar
                .postJson("/api/attacks", Fixtures.attack().json())
                .json()
                .get("attackId")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registrar.get("/api/attacks/" + later).status() == 200);
        assertThat(registrar.get("/api/attacks/" + attackId).status()).isEqualTo(200);
        assertThat(jdbc.queryForList(
                        "SELECT defender_code FROM consent_attack_defender WHERE attack_id = ?",
                        String.class,
                        UUID.fromString(attackId)))
                .containsExactly(code);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM deadletterentry WHERE sequenceidentifier = ?", Long.class, attackId))
                .isZero();
    }
}
