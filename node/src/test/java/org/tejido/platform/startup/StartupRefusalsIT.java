package org.tejido.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.Tejido;
import org.tejido.support.Fixtures;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * Every refusal to start, as an operator meets it: the packaged jar run as a process, one line on
 * standard error saying what is wrong and what to do, no stack trace, and its exit status.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupRefusalsIT {
    /**
     * A node started in this JVM, shared by the two tests that need one (a start costs seconds): first
     * running, for the data directory in use, then stopped, for the missing master key.
     */
    static Path nodeDataDir;

    static ConfigurableApplicationContext node;

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static ConfigurableApplicationContext runningNode() {
        if (node == null) {
            nodeDataDir = TestDirectories.create("startup-");
            node = start(nodeDataDir);
        }
        return node;
    }

    @Test
    @Order(2)
    void aMissingMasterKeyWhereDataKeysExistIsRefusedAndNoNewKeyIsWritten() throws Exception {
        try (ConfigurableApplicationContext first = runningNode()) {
            // A recorded attack's data key stays (unused keys made ahead are deleted at a clean stop).
            assertThat(TestNodes.http(first, "registrar")
                            .postJson("/api/attacks", Fixtures.attack().json())
                            .status())
                    .isEqualTo(201);
        } finally {
            node = null;
        }
        Path dataDir = nodeDataDir;
        Path masterKey = dataDir.resolve("keys/master.key");
        Files.delete(masterKey);

        Result result = run(dataDir, "--server.port=0");

        assertThat(result.exitCode).isEqualTo(78);
        assertThat(result.oneLine())
                .contains("master key")
                .contains("is missing")
                .contains("clave maestra");
        assertThat(masterKey).doesNotExist();
    }

    @Test
    @Order(1)
    void aDataDirectoryInUseIsRefused() throws Exception {
        runningNode();
        Result result = run(nodeDataDir, "--server.port=0");

        assertThat(result.exitCode).isEqualTo(75);
        assertThat(result.oneLine()).contains("Another node is running on").contains("TEJIDO_DATA_DIR");
    }

    @Test
    void aPortInUseIsRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(TestDirectories.create("startup-"), "--server.port=" + taken.getLocalPort());

            assertThat(result.exitCode).isEqualTo(75);
            assertThat(result.oneLine())
                    .contains("Port " + taken.getLocalPort() + " is already in use")
                    .contains("TEJIDO_HTTP_PORT");
        }
    }

    @Test
    void anUnreachableDatabaseIsRefused() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Result result = run(
                TestDirectories.create("startup-"),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/tejido",
                "--spring.datasource.username=tejido");

        assertThat(result.exitCode).isEqualTo(69);
        assertThat(result.oneLine()).contains("cannot reach its PostgreSQL database");
    }

    @Test
    void aSettingThatDoesNotConvertIsRefusedWithoutItsValue() throws Exception {
        Result result = run(
                TestDirectories.create("startup-"), "--server.port=0", "--tejido.transactions.max-duration=qzsecret");

        assertThat(result.exitCode).isEqualTo(78);
        assertThat(result.oneLine())
                .contains("A setting read by transactionManager does not convert")
                .doesNotContain("qzsecret");
    }

    @Test
    void plainHttpBeyondLoopbackIsRefusedBeforeAnythingStarts() throws Exception {
        Path dataDir = TestDirectories.create("startup-");
        Result result = run(dataDir, "--server.port=0", "--server.address=0.0.0.0");

        assertThat(result.exitCode).isEqualTo(78);
        assertThat(result.oneLine())
                .contains("http.plain-beyond-loopback: the node would answer on 0.0.0.0")
                .contains("en HTTP sin cifrar")
                .contains("TEJIDO_HTTPS=true");
        // Refused as soon as the settings are read: no database was created.
        assertThat(dataDir.resolve("pgdata")).doesNotExist();
    }

    @Test
    void httpsWithoutItsCertificateIsRefused() throws Exception {
        Path dataDir = TestDirectories.create("startup-");
        Result result = run(dataDir, "--server.port=0", "--tejido.http.tls.enabled=true");

        assertThat(result.exitCode).isEqualTo(78);
        assertThat(result.oneLine())
                .contains("http.certificate-unusable")
                .contains("pki.file-missing")
                .contains(dataDir.resolve("keys/https.crt").toString())
                .contains("keys https-init");
        assertThat(dataDir.resolve("pgdata")).doesNotExist();
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Tejido.class)
                .profiles("national")
                .run("--tejido.data-dir=" + dataDir, "--server.port=0");
    }

    /** The packaged node, as ./tejido runs it, on this data directory with these arguments. */
    private static Result run(Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString(),
                "--tejido.data-dir=" + dataDir));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "stdout", ".log");
        Path err = Files.createTempFile(dataDir, "stderr", ".log");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the node neither started nor refused within 3 minutes; see " + out);
        }
        return new Result(
                process.exitValue(),
                Files.readAllLines(err, StandardCharsets.UTF_8),
                Files.readString(out, StandardCharsets.UTF_8));
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("node-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no packaged jar in target/: run through mvn verify"));
        }
    }

    private record Result(int exitCode, List<String> stderr, String stdout) {
        /** Standard error holds the refusal alone, on one line; neither stream has a stack trace. */
        String oneLine() {
            assertThat(stderr).as("standard error").hasSize(1);
            assertThat(stderr.get(0)).startsWith("Tejido did not start / Tejido no arrancó: ");
            assertThat(stdout).as("standard output").doesNotContain("\tat ").doesNotContain("Caused by:");
            return stderr.get(0);
        }
    }
}
