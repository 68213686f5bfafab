package org.tejido.national.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.projections.Projections;
import org.tejido.support.Defenders;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;

/**
 * A backup taken while the node runs, the node's data directory wiped, the backup restored into an empty
 * one: the restored node answers the same cases, defenders and access log with the same tokens, holds
 * the same federation checkpoint (same root, same signature) and push state, and goes on recording and
 * signing from there. Without the master key, with another one, or from a damaged archive, restore is
 * refused and writes nothing.
 */
class BackupRestoreIT {

    @Test
    void aNodeRestoredFromItsBackupAnswersTheSameAndGoesOn() throws Exception {
        TestDatabase original = TestDatabase.fresh();
        Path originalDir = dataDir(original);
        Path archive = TestDirectories.create("backup-").resolve("node.tjbk");
        Map<String, String> tokens;
        Answers before;
        List<Map<String, Object>> pushStateBefore;
        List<String> detailsBefore;
        long entriesBefore;
        String contributorBefore;
        byte[] offlineMasterKey;

        try (ConfigurableApplicationContext node = TestNodes.start(original)) {
            tokens = Map.of(
                    "registrar", TestUsers.token(node, "registrar"),
                    "coordinator", TestUsers.token(node, "coordinator"),
                    "auditor", TestUsers.token(node, "auditor"));
            Http registrar = as(node, tokens.get("registrar"));
            Http coordinator = as(node, tokens.get("coordinator"));
            String shared = Defenders.registeredWithConsent(registrar, coordinator, "MX", "statistics");
            List<String> attacks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Fixtures.AttackJson attack = Fixtures.attack().narrative("Narrativa de respaldo " + i);
                if (i % 2 == 0) {
                    attack.defenders(shared);
                }
                attacks.add(registrar
                        .postJson("/api/attacks", attack.json())
                        .json()
                        .get("attackId")
                        .asText());
            }
            assertThat(registrar
                            .postJson("/api/attacks/" + attacks.get(1) + "/follow-ups", followUp())
                            .status())
                    .isEqualTo(201);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            // Both shares in the log, under a signed checkpoint.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                            "SELECT coalesce(max(tree_size), 0) FROM federation_checkpoint", Long.class)
                                    >= jdbc.queryForObject("SELECT count(*) FROM federation_entry", Long.class)
                            && jdbc.queryForObject("SELECT count(*) FROM federation_entry", Long.class) >= 2);
            // Reads of identifying data, so the access log has entries to compare.
            for (String attack : attacks) {
                assertThat(registrar.get("/api/attacks/" + attack).status()).isEqualTo(200);
            }
            assertThat(coordinator.get("/api/defenders/" + shared).status()).isEqualTo(200);
            awaitCaughtUp(node);
            before = Answers.of(node, tokens, attacks, shared);
            pushStateBefore = jdbc.queryForList("SELECT * FROM federation_push_state ORDER BY 1");
            entriesBefore = jdbc.queryForObject("SELECT count(*) FROM federation_entry", Long.class);
            contributorBefore = lastContributors(jdbc);

            // The backup, while the node runs.
            Result backup = run(original, "backup", archive.toString());
            assertThat(backup.exit()).as(backup.err()).isZero();
            assertThat(backup.out()).contains("Backup written");
            assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            offlineMasterKey = Files.readAllBytes(originalDir.resolve("keys/master.key"));
            detailsBefore = before.details(node, tokens);
        }
        // Nothing of the node's identifying data is readable in the archive.
        String raw = new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("Narrativa de respaldo").doesNotContain("Municipio Ficticio");
        deleteTree(originalDir);

        TestDatabase restored = TestDatabase.fresh();
        Path restoredDir = dataDir(restored);
        Path masterKey = restoredDir.resolve("keys/master.key");

        Result withoutKey = run(restored, "restore", archive.toString());
        assertThat(withoutKey.exit()).isEqualTo(78);
        assertThat(withoutKey.err())
                .contains("no master key")
                .contains("no hay clave maestra")
                .hasLineCount(1);
        assertUntouched(restored, restoredDir);

        writeOwnerOnly(masterKey, new byte[32]);
        Result otherKey = run(restored, "restore", archive.toString());
        assertThat(otherKey.exit()).isEqualTo(78);
        assertThat(otherKey.err()).contains("made under master key");
        Files.delete(masterKey);
        assertUntouched(restored, restoredDir);

        writeOwnerOnly(masterKey, offlineMasterKey);
        Path damaged = archive.resolveSibling("damaged.tjbk");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 1;
        Files.write(damaged, bytes);
        Result fromDamaged = run(restored, "restore", damaged.toString());
        assertThat(fromDamaged.exit()).isEqualTo(65);
        assertThat(fromDamaged.err()).contains("damaged, altered or cut short");
        Path cut = archive.resolveSibling("cut.tjbk");
        Files.write(cut, java.util.Arrays.copyOf(bytes, SealedArchive.HEADER + 100));
        assertThat(run(restored, "restore", cut.toString()).exit()).isEqualTo(65);
        assertThat(restoredDir.resolve("pgdata")).doesNotExist();

        Result restore = run(restored, "restore", archive.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored");
        // Never over what is there.
        Result again = run(restored, "restore", archive.toString());
        assertThat(again.exit()).isEqualTo(73);

        try (ConfigurableApplicationContext node = TestNodes.start(restored)) {
            awaitCaughtUp(node);
            Answers after = Answers.of(node, tokens, before.attacks(), before.defender());
            assertThat(after.cases()).isEqualTo(before.cases());
            assertThat(after.accessLog()).isEqualTo(before.accessLog());
            assertThat(after.checkpoint()).isEqualTo(before.checkpoint());
            assertThat(after.details(node, tokens)).isEqualTo(detailsBefore);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT * FROM federation_push_state ORDER BY 1"))
                    .isEqualTo(pushStateBefore);
            assertThat(node.getBean(Projections.class).status("cases").parked()).isZero();

            // It goes on: a new shared attack enters the same log after the restored entries, signed by the
            // same key, under a checkpoint that extends the one before.
            Http registrar = as(node, tokens.get("registrar"));
            String next = registrar
                    .postJson(
                            "/api/attacks",
                            Fixtures.attack().defenders(before.defender()).json())
                    .json()
                    .get("attackId")
                    .asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT coalesce(max(tree_size), 0) FROM federation_checkpoint", Long.class)
                            > entriesBefore);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registrar.get("/api/attacks/" + next).status() == 200);
            Http auditor = as(node, tokens.get("auditor"));
            String key = auditor.get("/api/federation/log/key").body();
            assertThat(key).isEqualTo(before.logKey());
            // The same contributor key came back: the same defender has the same pseudonym as before.
            assertThat(lastContributors(jdbc)).isEqualTo(contributorBefore).startsWith("[\"ctb-");
        }
    }

    /** The contributors' pseudonyms of the last shared entry, as JSON. */
    private static String lastContributors(JdbcTemplate jdbc) throws IOException {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM federation_entry WHERE payload IS NOT NULL ORDER BY log_index DESC LIMIT 1",
                byte[].class);
        return new ObjectMapper().readTree(payload).at("/share/contributors").toString();
    }

    /** What the node answers, read in an order that leaves the access log as it was. */
    record Answers(
            List<String> attacks, String defender, String cases, String accessLog, String checkpoint, String logKey) {
        static Answers of(
                ConfigurableApplicationContext node,
                Map<String, String> tokens,
                List<String> attacks,
                String defender) {
            Http registrar = as(node, tokens.get("registrar"));
            Http coordinator = as(node, tokens.get("coordinator"));
            Http auditor = as(node, tokens.get("auditor"));
            String cases = registrar.get("/api/attacks").body();
            String accessLog = coordinator.get("/api/access-log").body();
            String checkpoint = auditor.get("/api/federation/log/checkpoint").body();
            String key = auditor.get("/api/federation/log/key").body();
            return new Answers(attacks, defender, cases, accessLog, checkpoint, key);
        }

        /** The cases and the defender in full; each read is logged, so after everything else. */
        List<String> details(ConfigurableApplicationContext node, Map<String, String> tokens) {
            List<String> details = new ArrayList<>();
            for (String attack : attacks) {
                details.add(as(node, tokens.get("registrar"))
                        .get("/api/attacks/" + attack)
                        .body());
            }
            details.add(as(node, tokens.get("coordinator"))
                    .get("/api/defenders/" + defender)
                    .body());
            return details;
        }
    }

    record Result(int exit, String out, String err) {}

    private static Result run(TestDatabase database, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        database.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new BackupCli(
                        name -> null,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false)
                .run(args.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUntouched(TestDatabase database, Path dataDir) throws Exception {
        assertThat(dataDir.resolve("pgdata")).doesNotExist();
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
        if (TestDatabase.external()) {
            try (var db = java.sql.DriverManager.getConnection(
                            database.properties().get("spring.datasource.url"));
                    var s = db.createStatement();
                    var r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")) {
                r.next();
                assertThat(r.getLong(1)).isZero();
            }
        }
    }

    private static void awaitCaughtUp(ConfigurableApplicationContext node) {
        Projections projections = node.getBean(Projections.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        projections.statuses().stream().allMatch(s -> s.running() && !s.replaying() && s.lag() == 0));
    }

    private static Http as(ConfigurableApplicationContext node, String token) {
        return new Http(TestNodes.port(node)).as(token);
    }

    private static String followUp() {
        return "{\"kind\":\"alert\",\"status\":\"requested\",\"startedOn\":\"2024-03-16\"}";
    }

    private static Path dataDir(TestDatabase database) {
        return Path.of(database.properties().get("tejido.data-dir"));
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
