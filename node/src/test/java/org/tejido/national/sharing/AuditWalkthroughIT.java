package org.tejido.national.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;

/**
 * The walk-through of docs/auditing.md ("Checking by hand: openssl and Python") followed literally: its
 * shell blocks, taken from the doc itself, run with bash, curl, openssl and python3 against a node whose
 * log has entries and a checkpoint. If the doc's commands stop working, this test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditWalkthroughIT {
    private static final String SECTION = "## Checking by hand: openssl and Python";
    private static final Pattern SHELL_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private ConfigurableApplicationContext node;
    private JdbcTemplate jdbc;
    private String address;
    private String auditorToken;
    private List<String> steps;

    @BeforeAll
    void startANodeWithSharedAttacksAndReadTheWalkthrough() throws IOException {
        steps = shellBlocksOfTheWalkthrough();
        node = TestNodes.start(TestDatabase.fresh(), "--tejido.federation.checkpoint-interval=PT0.5S");
        jdbc = node.getBean(JdbcTemplate.class);
        address = "http://localhost:" + TestNodes.port(node);
        auditorToken = TestUsers.token(node, "auditor");
        for (String scope : List.of("statistics", "case", "public", "statistics")) {
            record(scope);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> entries() >= 4);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("SELECT coalesce(max(tree_size), 0) FROM federation_checkpoint", Long.class)
                                == entries());
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theWalkthroughFollowedLiterallyVerifiesTheSignatureAndBothProofs(@TempDir Path dir) throws Exception {
        // given the doc's four steps: fetch, signature, inclusion, consistency
        assertThat(steps).hasSize(4);

        // when an auditor runs the first step
        Run fetch = run(steps.get(0), dir);

        // then she holds the node's key and one of its signed checkpoints, of more than one entry
        assertThat(fetch.status()).as(fetch.output()).isZero();
        String checkpoint = Files.readString(dir.resolve("checkpoint.txt"), StandardCharsets.UTF_8);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM federation_checkpoint WHERE note = ?", Long.class, checkpoint))
                .as("the fetched checkpoint is one the node signed")
                .isOne();
        assertThat(Long.parseLong(checkpoint.lines().toList().get(1)))
                .as("a size that makes the proofs non-trivial")
                .isGreaterThan(1);
        assertThat(fetch.output()).contains(checkpoint);

        // and each later step prints its success line and exits 0
        assertSucceeds(run(steps.get(1), dir), "Signature Verified Successfully");
        assertSucceeds(run(steps.get(2), dir), "root ok");
        assertSucceeds(run(steps.get(3), dir), "consistency ok");
    }

    @Test
    void aCheckpointAlteredByOneByteFailsTheSignatureAndBothProofs(@TempDir Path dir) throws Exception {
        // given the key and checkpoint fetched as the doc says
        assertThat(steps).hasSize(4);
        Run fetch = run(steps.get(0), dir);
        assertThat(fetch.status()).as(fetch.output()).isZero();

        // when one byte of the checkpoint's root changes (the first base64 digit, so the root's first byte)
        Path file = dir.resolve("checkpoint.txt");
        byte[] note = Files.readAllBytes(file);
        int root = indexAfterSecondNewline(note);
        note[root] = (byte) (note[root] == 'A' ? 'B' : 'A');
        Files.write(file, note);

        // then openssl refuses the signature, and neither proof reaches the altered root
        assertFails(run(steps.get(1), dir), "Signature Verified Successfully");
        assertFails(run(steps.get(2), dir), "root ok");
        assertFails(run(steps.get(3), dir), "consistency ok");
    }

    private record Run(int status, String output) {}

    private Run run(String script, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("NODE", address);
        builder.environment().put("TOKEN", auditorToken);
        Process process = builder.start();
        // Reading to the end before waiting keeps a full pipe from blocking the script.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("step did not finish in " + STEP_TIMEOUT + ":\n" + script);
        }
        return new Run(process.exitValue(), output);
    }

    private static void assertSucceeds(Run run, String successLine) {
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output().lines()).as(run.output()).contains(successLine);
    }

    private static void assertFails(Run run, String successLine) {
        assertThat(run.status()).as(run.output()).isNotZero();
        assertThat(run.output()).doesNotContain(successLine);
    }

    private static int indexAfterSecondNewline(byte[] note) {
        int newlines = 0;
        for (int i = 0; i < note.length; i++) {
            if (note[i] == '\n' && ++newlines == 2) {
                return i + 1;
            }
        }
        throw new IllegalStateException("a checkpoint of fewer than three lines");
    }

    /** The ```bash blocks of the walk-through section, in order, as the doc prints them. */
    private static List<String> shellBlocksOfTheWalkthrough() throws IOException {
        String doc = Files.readString(findDoc("docs/auditing.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("\n" + SECTION + "\n");
        assertThat(start).as("docs/auditing.md has the section " + SECTION).isNotNegative();
        int end = doc.indexOf("\n## ", start + SECTION.length());
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(section);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /** The doc sits in docs/ of this project; walk up so the test also works from a module directory. */
    private static Path findDoc(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }

    private long entries() {
        return jdbc.queryForObject("SELECT count(*) FROM federation_entry", Long.class);
    }

    private void record(String scope) {
        String code = Fixtures.newDefenderCode("MX");
        Http registrar = TestNodes.http(node, "registrar");
        Http coordinator = TestNodes.http(node, "coordinator");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        String consent = scope.equals("public") ? """
                {"scope":"public","grantor":{"kind":"defender","name":null},"basis":"informed-written",
                 "grantedOn":"2026-01-01","expiresAt":null,"publicName":"Nombre público acordado",
                 "publicSummary":"Resumen público acordado"}
                """ : Fixtures.consentJson(scope);
        assertThat(coordinator
                        .putJson("/api/defenders/" + code + "/consent", consent)
                        .status())
                .isEqualTo(204);
        Http.Response recorded = registrar.postJson(
                "/api/attacks",
                Fixtures.attack().defenders(code).place("MX", "MX-OAX").json());
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    }
}
