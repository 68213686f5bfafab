package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tejido.Tejido;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.support.Defenders;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * The aggregator runs as its own program and is killed (SIGKILL, no shutdown of any kind) while a
 * node records attacks and pushes them, in small batches, many per stream; restarted on the same
 * data, it ends with exactly the node's entries: every index once, in order, byte for byte.
 */
class AggregatorKilledMidBatchIT {
    private static final String DOMAIN = "red-kill.test";
    private static final String ORIGIN = DOMAIN + "/MX/v1";
    private static final int ATTACKS = 160;

    private final List<Process> processes = new ArrayList<>();
    private ConfigurableApplicationContext node;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theNodeResumesAndTheAggregatorEndsWithExactlyItsEntries() throws Exception {
        // given an aggregator program with its own database, and a node enrolled there by the command line
        Path pki = TestDirectories.create("kill-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Tejido kill-test CA");
        Path aggregatorTls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(
                aggregatorTls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        TestDatabase aggregatorDatabase = TestDatabase.fresh();
        int grpcPort = freePort();
        int pgPort = freePort();
        List<String> aggregatorArgs = new ArrayList<>(Arrays.asList(aggregatorDatabase.asArgs()));
        aggregatorArgs.addAll(List.of(
                "--spring.profiles.active=regional",
                "--server.port=0",
                "--tejido.embedded-db.port=" + pgPort,
                "--tejido.federation.server.port=" + grpcPort,
                "--tejido.federation.tls-dir=" + aggregatorTls));

        TestDatabase nodeDatabase = TestDatabase.fresh();
        ProvisionedNode provisioned = ProvisionedNode.provision(nodeDatabase, ca, DOMAIN, "MX");
        NoteVerifierKey logKey = provisioned.logKey();
        TlsIdentity nodeTls = provisioned.tls();

        List<String> enroll = new ArrayList<>(List.of(
                "nodes",
                "enroll",
                "--origin",
                ORIGIN,
                "--tls-fingerprint",
                nodeTls.fingerprint(),
                "--log-key",
                logKey.format()));
        enroll.addAll(aggregatorArgs);
        Process enrolling = program(enroll, pki.resolve("enroll.log"));
        assertThat(enrolling.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(enrolling.exitValue()).as("nodes enroll exit code").isZero();

        Process aggregator = program(aggregatorArgs, pki.resolve("aggregator-1.log"));
        awaitListening(grpcPort);

        node = new SpringApplicationBuilder(Tejido.class)
                .profiles("national")
                .run(TestNodes.concat(
                        nodeDatabase.asArgs(),
                        "--server.port=0",
                        "--tejido.node.domain=" + DOMAIN,
                        "--tejido.node.country=MX",
                        "--tejido.federation.aggregator.address=localhost:" + grpcPort,
                        "--tejido.federation.push.batch-size=4",
                        // Streams of at most 16 entries, so that the stored size the node learns grows in
                        // steps, and the kill below falls between its first and its last step even when
                        // the whole log is there before the first push.
                        "--tejido.federation.push.batches-per-stream=4",
                        "--tejido.federation.push.interval=PT0.05S",
                        "--tejido.federation.push.max-backoff=PT1S",
                        "--tejido.federation.checkpoint-interval=PT1S"));
        JdbcTemplate nodeJdbc = node.getBean(JdbcTemplate.class);

        // when the node records attacks and the aggregator is killed while the push is under way
        AtomicInteger recorded = new AtomicInteger();
        CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> recordAttacks(recorded));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> storedAtNode(nodeJdbc) >= 20);
        long killedAt = storedAtNode(nodeJdbc);
        aggregator.destroyForcibly();
        assertThat(aggregator.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killedAt).as("killed before the whole log was pushed").isLessThan(ATTACKS);

        // and restarted on the same data directory
        program(aggregatorArgs, pki.resolve("aggregator-2.log"));
        awaitListening(grpcPort);
        recording.get(180, TimeUnit.SECONDS);

        // then the node resumes and the aggregator holds exactly its log
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            long size = nodeJdbc.queryForObject("SELECT count(*) FROM federation_entry", Long.class);
            return size >= ATTACKS && storedAtNode(nodeJdbc) == size;
        });
        List<byte[]> nodeLeaves =
                nodeJdbc.query("SELECT leaf FROM federation_entry ORDER BY log_index", (rs, n) -> rs.getBytes(1));

        JdbcTemplate regional = new JdbcTemplate(dataSource(aggregatorDatabase, pgPort));
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> stored = regional.queryForList(
                "SELECT sequencenumber, payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?"
                        + " ORDER BY sequencenumber",
                ORIGIN,
                EntriesStoredEvent.class.getName());
        List<Long> indices = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        for (Map<String, Object> row : stored) {
            var event = json.readTree((byte[]) row.get("payload"));
            long index = event.get("firstIndex").asLong();
            for (var entry : event.get("entries")) {
                indices.add(index++);
                leaves.add(Base64.getDecoder().decode(entry.get("leaf").asText()));
            }
        }
        assertThat(indices).as("every index once, in order").containsExactlyElementsOf(range(nodeLeaves.size()));
        for (int i = 0; i < nodeLeaves.size(); i++) {
            assertThat(leaves.get(i)).as("leaf %d", i).isEqualTo(nodeLeaves.get(i));
        }
        assertThat(regional.queryForObject(
                        "SELECT stored_size FROM regional_log_state WHERE origin = ?", Long.class, ORIGIN))
                .isEqualTo(nodeLeaves.size());
        assertThat(regional.queryForObject(
                        "SELECT count(*) FROM regional_payload WHERE origin = ?", Long.class, ORIGIN))
                .isEqualTo(nodeLeaves.size());
    }

    private void recordAttacks(AtomicInteger recorded) {
        Http registrar = TestNodes.http(node, "registrar");
        Http coordinator = TestNodes.http(node, "coordinator");
        String code = Defenders.registeredWithConsent(registrar, coordinator, "MX", "statistics");
        for (int i = 0; i < ATTACKS; i++) {
            Http.Response response = registrar.postJson(
                    "/api/attacks",
                    Fixtures.attack().defenders(code).place("MX", "MX-OAX").json());
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            recorded.incrementAndGet();
        }
    }

    private static long storedAtNode(JdbcTemplate jdbc) {
        return jdbc
                .query(
                        "SELECT stored_size FROM federation_push_state WHERE origin = ?",
                        (rs, n) -> rs.getLong(1),
                        ORIGIN)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    private static List<Long> range(int n) {
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    /** The aggregator's database as the program left it: its embedded PostgreSQL, or the external one. */
    private static DriverManagerDataSource dataSource(TestDatabase database, int pgPort) {
        Map<String, String> properties = database.properties();
        if (properties.containsKey("spring.datasource.url")) {
            return new DriverManagerDataSource(
                    properties.get("spring.datasource.url"),
                    properties.get("spring.datasource.username"),
                    properties.get("spring.datasource.password"));
        }
        return new DriverManagerDataSource("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "");
    }

    private Process program(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Tejido.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        return process;
    }

    private static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
