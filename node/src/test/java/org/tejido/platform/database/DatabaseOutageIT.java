package org.tejido.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.Tejido;
import org.tejido.platform.projections.Projections;
import org.tejido.support.Fixtures;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;

/**
 * Issue 20: the node's PostgreSQL stops (really: pg_ctl stop, then started again on the same data
 * directory and port) while registrars record attacks. Every request during the outage answers 503
 * {@code store.unavailable} as a problem detail in the language asked for, with Retry-After, and
 * quickly (no half-minute hang); never a 500. Nothing is half-written: every acknowledged attack is in
 * the store exactly once, no refused one is. The node recovers on its own: health goes DOWN then UP,
 * recording works again and the projections catch up, without a restart.
 *
 * <p>The test runs its own PostgreSQL (as an external database for the node) whatever database the
 * other integration tests use, since it has to stop and start it.
 */
class DatabaseOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    record Outcome(int status, String language, String contentType, String retryAfter, JsonNode body, long millis) {}

    @Test
    void recordingThroughAStoppedAndRestartedDatabase() throws Exception {
        Path pgData = TestDirectories.create("pg-outage-").resolve("pgdata");
        int pgPort = freePort();
        EmbeddedPostgres postgres = startPostgres(pgData, pgPort);
        ConfigurableApplicationContext node = null;
        ExecutorService load = Executors.newFixedThreadPool(3);
        try {
            node = new SpringApplicationBuilder(Tejido.class)
                    .profiles("national")
                    .run(
                            "--tejido.data-dir=" + TestDirectories.create("node-"),
                            "--spring.datasource.url=jdbc:postgresql://localhost:" + pgPort + "/postgres?user=postgres",
                            "--server.port=0");
            int port = TestNodes.port(node);
            String token = TestUsers.token(node, "registrar");
            assertThat(health(port)).isEqualTo(200);

            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<Outcome> duringOutage = Collections.synchronizedList(new ArrayList<>());
            List<Outcome> others = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean down = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            for (int t = 0; t < 3; t++) {
                String language = t % 2 == 0 ? "es" : "en";
                load.submit(() -> {
                    while (running.get()) {
                        boolean wasDown = down.get();
                        Outcome outcome = record(port, token, language);
                        if (outcome.status() == 201) {
                            acknowledged.add(outcome.body().get("attackId").asText());
                        } else if (wasDown || down.get()) {
                            duringOutage.add(outcome);
                        } else {
                            others.add(outcome);
                        }
                        sleep(50);
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 10);

            down.set(true);
            postgres.close(); // pg_ctl stop -m fast: every connection of the pool is cut
            long stoppedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> health(port) == 503);
            sleepUntil(stoppedAt + OUTAGE.toNanos());
            int acknowledgedBeforeRestart = acknowledged.size();

            postgres = startPostgres(pgData, pgPort);
            long restartedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> health(port) == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() > acknowledgedBeforeRestart + 10);
            down.set(false);
            long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(90, TimeUnit.SECONDS)).isTrue();

            // Refused during the outage: 503 store.unavailable, a problem detail in the language asked
            // for, with Retry-After, answered within the pool's connection timeout (plus slack).
            assertThat(others).as("refusals while the database was up").isEmpty();
            assertThat(duringOutage).as("requests refused during the outage").isNotEmpty();
            for (Outcome o : duringOutage) {
                assertThat(o.status()).as("status during the outage: %s", o).isEqualTo(503);
                assertThat(o.contentType()).startsWith("application/problem+json");
                assertThat(o.body().path("code").asText()).isEqualTo("store.unavailable");
                assertThat(o.body().path("type").asText()).isEqualTo("urn:tejido:problem:store.unavailable");
                assertThat(o.retryAfter()).as("Retry-After").matches("[1-9][0-9]*");
                assertThat(o.millis()).as("time to refuse").isLessThan(15_000);
                String detail = o.body().path("detail").asText();
                if (o.language().equals("es")) {
                    assertThat(detail).contains("base de datos").contains("no se cambió nada");
                    assertThat(o.body().path("title").asText()).isEqualTo("Almacenamiento no disponible");
                } else {
                    assertThat(detail).contains("database").contains("nothing was changed");
                    assertThat(o.body().path("title").asText()).isEqualTo("Storage unavailable");
                }
            }
            Set<String> languages = duringOutage.stream().map(Outcome::language).collect(Collectors.toSet());
            assertThat(languages).containsExactlyInAnyOrder("es", "en");

            // Nothing half-written: every acknowledged attack once in the store, nothing else recorded.
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            List<String> stored = jdbc.queryForList(
                    "SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%AttackRecordedEvent'",
                    String.class);
            assertThat(new HashSet<>(stored)).hasSize(stored.size());
            assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);

            // The projections resumed by themselves: every acknowledged attack reaches the read model.
            Projections projections = node.getBean(Projections.class);
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                assertThat(jdbc.queryForList("SELECT attack_id::text FROM case_summary", String.class))
                        .containsExactlyInAnyOrderElementsOf(acknowledged);
                assertThat(projections.status("cases").error()).isFalse();
            });
            Outcome after = record(port, token, "es");
            assertThat(after.status()).isEqualTo(201);
            System.out.printf(
                    "DatabaseOutageIT: %d acknowledged, %d refused with 503 during a %d s outage, recovered %d ms"
                            + " after PostgreSQL was back%n",
                    acknowledged.size(), duringOutage.size(), OUTAGE.toSeconds(), recoveredMillis);
        } finally {
            load.shutdownNow();
            if (node != null) {
                node.close();
            }
            postgres.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path pgData, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .start();
    }

    private static Outcome record(int port, String token, String language) {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/attacks"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.attack().json()))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = JSON.valueToTree(Map.of("raw", response.body()));
            }
            return new Outcome(
                    response.statusCode(),
                    language,
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(""),
                    body,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IOException e) {
            return new Outcome(-1, language, "", "", JSON.valueToTree(Map.of("io", e.toString())), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-2, language, "", "", JSON.createObjectNode(), 0);
        }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            sleep(TimeUnit.NANOSECONDS.toMillis(left));
        }
    }
}
