package org.tejido.national.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/**
 * Data keys created ahead of use (ADR 0015), on a real node and database: a key handed out is committed
 * already, a command that rolls back gives its key back, an empty reserve still yields a key (in the
 * caller's transaction, gone if it rolls back), and keys nobody used are deleted when the node stops.
 */
class DataKeyReserveIT {

    @Test
    void keysAreCommittedBeforeUseAndGoBackWhenTheCommandRollsBack() {
        TestDatabase database = TestDatabase.fresh();
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            DataKeyStore store = node.getBean(DataKeyStore.class);
            TransactionTemplate transaction = new TransactionTemplate(node.getBean(PlatformTransactionManager.class));
            DataKeyReserve reserve = new DataKeyReserve(store, node.getBean(PlatformTransactionManager.class), 8);

            // Empty at first: the key is created in the caller's transaction and vanishes with it.
            AtomicReference<DataKeyStore.NewKey> fallback = new AtomicReference<>();
            transaction.executeWithoutResult(status -> {
                fallback.set(reserve.take());
                status.setRollbackOnly();
            });
            assertThat(rows(jdbc, fallback.get().keyId())).isZero();
            assertThat(store.find(fallback.get().keyId())).isEmpty();

            // That first take asked for a batch, created in a transaction of its own.
            await().atMost(Duration.ofSeconds(10)).until(() -> reserve.ready() == 8);
            DataKeyStore.NewKey reserved = reserve.take();
            assertThat(reserved.keyId()).startsWith("key:");
            assertThat(rows(jdbc, reserved.keyId())).isOne();
            assertThat(store.find(reserved.keyId()).orElseThrow().getEncoded())
                    .isEqualTo(reserved.key().getEncoded());

            int before = reserve.ready();
            AtomicReference<DataKeyStore.NewKey> taken = new AtomicReference<>();
            transaction.executeWithoutResult(status -> {
                taken.set(reserve.take());
                status.setRollbackOnly();
            });
            assertThat(rows(jdbc, taken.get().keyId()))
                    .as("committed before use")
                    .isOne();
            // 7 of 8 left after the take: above the low-water mark (4), so no refill can add keys meanwhile.
            assertThat(reserve.ready()).as("given back").isEqualTo(before);

            List<String> unused = jdbc.queryForList("SELECT key_id FROM data_key", String.class);
            reserve.close();
            assertThat(jdbc.queryForList("SELECT key_id FROM data_key", String.class))
                    .as("only the key taken outside a transaction is left")
                    .containsExactly(reserved.keyId())
                    .hasSizeLessThan(unused.size());
        }
    }

    @Test
    void aRecordedAttacksKeyIsItsOwnAndUnusedKeysAreDeletedWhenTheNodeStops() {
        TestDatabase database = TestDatabase.fresh();
        String attackId;
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            Http registrar = TestNodes.http(node, "registrar");
            for (int i = 0; i < 3; i++) {
                registrar.postJson("/api/attacks", Fixtures.attack().json());
            }
            attackId = registrar
                    .postJson("/api/attacks", Fixtures.attack().json())
                    .json()
                    .get("attackId")
                    .asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registrar.get("/api/attacks/" + attackId).status() == 200);
        }
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            List<String> sealing = jdbc.queryForList(
                    "SELECT DISTINCT convert_from(payload, 'UTF8')::jsonb #>> '{personal,keyId}' FROM domainevententry"
                            + " WHERE payloadtype LIKE '%.AttackRecordedEvent'",
                    String.class);
            assertThat(sealing).hasSize(4).allSatisfy(key -> assertThat(key).startsWith("key:"));
            assertThat(jdbc.queryForList("SELECT key_id FROM data_key WHERE key_id LIKE 'key:%'", String.class))
                    .as("every attack key row is an attack's: the reserve's unused keys were deleted at stop")
                    .containsExactlyInAnyOrderElementsOf(sealing);
            assertThat(TestNodes.http(node, "registrar")
                            .get("/api/attacks/" + attackId)
                            .json()
                            .at("/facts/narrative")
                            .asText())
                    .isNotBlank();
        }
    }

    private static long rows(JdbcTemplate jdbc, String keyId) {
        return jdbc.queryForObject("SELECT count(*) FROM data_key WHERE key_id = ?", Long.class, keyId);
    }
}
