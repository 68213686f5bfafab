package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.Tejido;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * Issue 20 at the aggregator: its PostgreSQL stops (pg_ctl stop, then started again on the same data
 * directory and port) while a national node records shared attacks and pushes its log. The node keeps
 * recording (its own database is fine), the aggregator's health goes DOWN then UP, and without any
 * restart the node's whole log reaches the aggregator: every shared record once, no divergence.
 * Every call the aggregator could not serve meanwhile was refused as STORAGE_UNAVAILABLE (the node
 * counts it as such), never as a status without the Tejido ErrorInfo.
 */
class AggregatorDatabaseOutageIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aNodeKeepsPushingThroughItsAggregatorsDatabaseOutage() throws Exception {
        Path pki = TestDirectories.create("outage-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Tejido test CA");
        Path aggregatorTls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(
                aggregatorTls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        Path pgData = TestDirectories.create("aggregator-pg-").resolve("pgdata");
        int pgPort = freePort();
        EmbeddedPostgres postgres = startPostgres(pgData, pgPort);
        ConfigurableApplicationContext aggregator = null;
        ConfigurableApplicationContext node = null;
        try {
            aggregator = new SpringApplicationBuilder(Tejido.class)
                    .profiles("regional")
                    .run(
                            "--tejido.data-dir=" + TestDirectories.create("aggregator-"),
                            "--spring.datasource.url=jdbc:postgresql://localhost:" + pgPort + "/postgres?user=postgres",
                            "--server.port=0",
                            "--tejido.federation.server.port=0",
                            "--tejido.federation.tls-dir=" + aggregatorTls,
                            "--tejido.node.domain=regional.test");
            int aggregatorHttp = TestNodes.port(aggregator);
            int grpcPort = aggregator.getBean(FederationServer.class).port();

            TestDatabase database = TestDatabase.fresh();
            ProvisionedNode keys = ProvisionedNode.provision(database, ca, "red-mx.test", "MX");
            aggregator
                    .getBean(Enrollments.class)
                    .enroll(
                            keys.origin(),
                            keys.tls().fingerprint(),
                            keys.logKey().format());
            node = new SpringApplicationBuilder(Tejido.class)
                    .profiles("national")
                    .run(TestNodes.concat(
                            database.asArgs(),
                            "--server.port=0",
                            "--tejido.node.domain=red-mx.test",
                            "--tejido.node.country=MX",
                            "--tejido.federation.aggregator.address=localhost:" + grpcPort,
                            "--tejido.federation.witness-key="
                                    + aggregator.getBean(Witness.class).verifierKey(),
                            "--tejido.federation.push.interval=PT0.2S",
                            "--tejido.federation.checkpoint-interval=PT1S"));
            Http registrar = TestNodes.http(node, "registrar");
            Http coordinator = TestNodes.http(node, "coordinator");
            String defender = Fixtures.newDefenderCode("MX");
            assertThat(registrar
                            .postJson("/api/defenders", Fixtures.defenderJson(defender))
                            .status())
                    .isEqualTo(201);
            assertThat(coordinator
                            .putJson("/api/defenders/" + defender + "/consent", Fixtures.consentJson("statistics"))
                            .status())
                    .isEqualTo(204);
            List<String> attacks = new ArrayList<>();
            JdbcTemplate nodeDb = node.getBean(JdbcTemplate.class);
            for (int i = 0; i < 5; i++) {
                attacks.add(record(registrar, defender));
            }
            awaitPushedEverything(nodeDb, keys.origin());
            assertThat(health(aggregatorHttp)).isEqualTo(200);

            MeterRegistry nodeMetrics = node.getBean(MeterRegistry.class);
            double refusedBefore = storageRefusals(nodeMetrics);
            postgres.close(); // the aggregator's database stops
            await().atMost(Duration.ofSeconds(30)).until(() -> health(aggregatorHttp) == 503);
            for (int i = 0; i < 10; i++) {
                attacks.add(record(registrar, defender)); // the node's own database is fine
            }
            // Pushes keep failing meanwhile: the node counts a push refused for the aggregator's storage.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> storageRefusals(nodeMetrics) > refusedBefore);
            long entries = nodeDb.queryForObject("SELECT count(*) FROM federation_entry", Long.class);
            assertThat(storedSize(nodeDb, keys.origin())).isLessThan(entries);

            postgres = startPostgres(pgData, pgPort);
            await().atMost(Duration.ofSeconds(60)).until(() -> health(aggregatorHttp) == 200);
            awaitPushedEverything(nodeDb, keys.origin());

            // Every shared record once at the aggregator; the node saw no divergence.
            JdbcTemplate regional = aggregator.getBean(JdbcTemplate.class);
            List<String> targets = regional.queryForList(
                    "SELECT target_id::text FROM regional_record WHERE origin = ?", String.class, keys.origin());
            assertThat(targets).hasSize(attacks.size()).doesNotHaveDuplicates();
            Counter divergences = node.getBean(MeterRegistry.class)
                    .find("tejido.federation.push.divergences")
                    .counter();
            assertThat(divergences == null ? 0 : divergences.count()).isZero();
            assertThat(nodeMetrics
                            .find("tejido.federation.push.refusals")
                            .tag("reason", "STORAGE_UNAVAILABLE")
                            .counters())
                    .isNotEmpty();
            assertThat(nodeMetrics.find("tejido.federation.push.failures").counters())
                    .as("calls answered without the Tejido ErrorInfo")
                    .allSatisfy(c -> assertThat(c.getId().getTag("status")).isNotEqualTo("UNKNOWN"));
        } finally {
            if (node != null) {
                node.close();
            }
            if (aggregator != null) {
                aggregator.close();
            }
            postgres.close();
        }
    }

    private static double storageRefusals(MeterRegistry metrics) {
        return metrics.find("tejido.federation.push.refusals").tag("reason", "STORAGE_UNAVAILABLE").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static String record(Http registrar, String defender) {
        Http.Response recorded = registrar.postJson(
                "/api/attacks", Fixtures.attack().defenders(defender).json());
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        return recorded.json().get("attackId").asText();
    }

    /** The aggregator has stored and cosigned the node's whole log, as the node itself records it. */
    private static void awaitPushedEverything(JdbcTemplate nodeDb, String origin) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    long entries = nodeDb.queryForObject("SELECT count(*) FROM federation_entry", Long.class);
                    return entries > 0 && storedSize(nodeDb, origin) == entries;
                });
    }

    private static long storedSize(JdbcTemplate nodeDb, String origin) {
        List<Long> sizes = nodeDb.queryForList(
                "SELECT stored_size FROM federation_push_state WHERE origin = ?", Long.class, origin);
        return sizes.isEmpty() ? 0 : sizes.get(0);
    }

    private static EmbeddedPostgres startPostgres(Path pgData, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .start();
    }

    private static int health(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
