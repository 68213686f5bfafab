package org.tejido.national.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.startup.StartupFailures;
import org.tejido.platform.startup.StartupRefusal;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/**
 * The first start creates a master key readable only by the node's user; rotating it (the documented
 * procedure: keep the old one as master.key.previous, start) re-wraps every data key, and the node
 * still reads what it sealed before.
 */
class MasterKeyRotationIT {

    @Test
    void aRotatedMasterKeyStillOpensEverythingSealedBefore() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        Path keys = Path.of(database.properties().get("tejido.data-dir")).resolve("keys");
        String attackId;
        String oldMasterId;
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            assertThat(Files.getPosixFilePermissions(keys.resolve("master.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            oldMasterId = node.getBean(MasterKey.class).id();
            Http registrar = TestNodes.http(node, "registrar");
            attackId = registrar
                    .postJson(
                            "/api/attacks",
                            Fixtures.attack().narrative("Rotation narrative").json())
                    .json()
                    .get("attackId")
                    .asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registrar.get("/api/attacks/" + attackId).status() == 200);
        }

        Files.move(keys.resolve("master.key"), keys.resolve("master.key.previous"));
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            String newMasterId = node.getBean(MasterKey.class).id();
            assertThat(newMasterId).isNotEqualTo(oldMasterId);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM data_key WHERE master_key_id = ?", Long.class, oldMasterId))
                    .isZero();
            Http registrar = TestNodes.http(node, "registrar");
            assertThat(registrar
                            .get("/api/attacks/" + attackId)
                            .json()
                            .at("/facts/narrative")
                            .asText())
                    .isEqualTo("Rotation narrative");
        }

        // A lost master key stops the node with its reason, instead of answering errors for every case, and
        // no new key takes its place: the data keys are wrapped by the lost one, not by the previous one.
        Path current = keys.resolve("master.key");
        Path kept = keys.resolve("master.key.kept");
        Files.move(current, kept);
        assertThatThrownBy(() -> TestNodes.start(database).close())
                .satisfies(e -> assertThat(StartupFailures.diagnose(e)).hasValueSatisfying(refusal -> {
                    assertThat(refusal.sentence()).contains("is missing");
                    assertThat(refusal.exitCode()).isEqualTo(StartupRefusal.CONFIGURATION);
                }));
        assertThat(current).doesNotExist();
        // A wrong one, as well.
        Files.write(current, new byte[32]);
        Files.setPosixFilePermissions(current, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> TestNodes.start(database).close())
                .satisfies(e -> assertThat(StartupFailures.diagnose(e))
                        .hasValueSatisfying(
                                refusal -> assertThat(refusal.sentence()).contains("is wrong")));
        Files.delete(current);
        Files.move(kept, current);

        // Without the previous key any more, the re-wrapped keys still open under the new one.
        Files.delete(keys.resolve("master.key.previous"));
        try (ConfigurableApplicationContext node = TestNodes.start(database)) {
            Http registrar = TestNodes.http(node, "registrar");
            assertThat(registrar
                            .get("/api/attacks/" + attackId)
                            .json()
                            .at("/facts/narrative")
                            .asText())
                    .isEqualTo("Rotation narrative");
        }
    }
}
