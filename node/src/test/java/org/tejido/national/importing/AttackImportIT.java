package org.tejido.national.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.national.attack.RecordAttackCommand;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * The acceptance: a thousand rows with one bad row import nothing and report that row; fixed,
 * they import all 1,000. The node is shared with other test classes, so every check compares counts
 * before and after instead of assuming an empty database.
 */
@NodeIntegrationTest
class AttackImportIT {
    private static final String PATH = "/api/imports/attacks";
    private static final String RECORDED = "org.tejido.national.attack.AttackRecordedEvent";
    private static final int BAD_LINE = 537;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandBus commandBus;

    @Autowired
    ApplicationContext node;

    private Http http;
    private List<String> lines;

    @BeforeEach
    void setUp() {
        http = TestUsers.http(node, port, "registrar");
        lines = new ArrayList<>(resourceText("/import/attacks-1000.csv").lines().toList());
        // The corrupted line must be a whole record (not inside a multi-line narrative) for the test to mean anything.
        assertThat(lines.get(BAD_LINE - 1)).matches("\\d{4}-\\d{2}-\\d{2},.*");
    }

    @Test
    void oneBadRowInAThousandImportsNothingAndReportsThatRow() {
        lines.set(BAD_LINE - 1, lines.get(BAD_LINE - 1).replaceFirst("^[^,]*", "2023-02-30"));
        long eventsBefore = events();

        Http.Response response = http.post(PATH, "text/csv", csv(lines));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        JsonNode report = response.json();
        assertThat(report.path("rowsRead").asInt()).isEqualTo(1000);
        assertThat(report.path("imported").asInt()).isZero();
        assertThat(report.path("mode").asText()).isEqualTo("all-or-nothing");
        assertThat(report.path("rejected")).hasSize(1);
        JsonNode rejected = report.path("rejected").get(0);
        assertThat(rejected.path("line").asLong()).isEqualTo(BAD_LINE);
        assertThat(rejected.path("code").asText()).isEqualTo("date.impossible");
        assertThat(rejected.path("message").asText()).isEqualTo("La fecha \"2023-02-30\" no existe.");
        assertThat(events()).isEqualTo(eventsBefore);
    }

    @Test
    void theFixedFileImportsAllThousandRowsAndTheCaseListShowsThem() {
        long casesBefore = awaitCasesCaughtUp();
        long recordedBefore = recordedEvents();

        long started = System.nanoTime();
        Http.Response response = http.post(PATH, "text/csv", csv(lines));
        long importMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("rowsRead").asInt()).isEqualTo(1000);
        assertThat(report.path("imported").asInt()).isEqualTo(1000);
        assertThat(report.path("rejected")).isEmpty();
        assertThat(recordedEvents()).isEqualTo(recordedBefore + 1000);
        started = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> casesListed() == casesBefore + 1000);
        long projectionMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "AttackImportIT: 1,000-row import answered in %d ms; case list complete %d ms later%n",
                importMillis, projectionMillis);
    }

    @Test
    void aFailureWhileWritingRollsBackEveryRowAlreadyWritten() {
        long casesBefore = awaitCasesCaughtUp();
        long eventsBefore = events();
        AtomicInteger recorded = new AtomicInteger();
        Registration failOnRow500 = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            // After the handler ran and its event was appended: the worst moment to fail.
            if (unitOfWork.getMessage().getPayload() instanceof RecordAttackCommand
                    && recorded.incrementAndGet() == 500) {
                throw new IllegalStateException("simulated failure while writing row 500");
            }
            return result;
        });
        Http.Response response;
        try {
            response = http.post(PATH, "text/csv", csv(lines));
        } finally {
            failOnRow500.cancel();
        }

        assertThat(recorded).hasValue(500);
        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.problemCode()).isEqualTo("internal");
        assertThat(events()).isEqualTo(eventsBefore);
        assertThat(awaitCasesCaughtUp()).isEqualTo(casesBefore);
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRefusedAsMalformed() {
        lines.set(0, lines.get(0).replace(",verification_status,", ","));
        long eventsBefore = events();

        Http.Response response = http.post(PATH, "text/csv", csv(lines));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("csv.missing-column");
        assertThat(response.json().path("detail").asText()).contains("verification_status");
        assertThat(events()).isEqualTo(eventsBefore);
    }

    @Test
    void anUnknownModeIsRefusedAsMalformed() {
        Http.Response response = http.post(PATH + "?mode=some-rows", "text/csv", csv(lines));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("request.invalid-parameter");
    }

    @Test
    void validRowsModeImportsTheGoodRowsAndReportsTheBadOneInTheRequestLanguage() {
        List<String> five = new ArrayList<>(lines.subList(0, 6));
        String[] cells = five.get(3).split(",", -1);
        cells[7] = "not-a-type"; // aggression_types
        five.set(3, String.join(",", cells));
        long recordedBefore = recordedEvents();

        HttpResponse<String> response = postInEnglish(PATH + "?mode=valid-rows", csv(five));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = new Http.Response(response.statusCode(), response.body(), "").json();
        assertThat(report.path("rowsRead").asInt()).isEqualTo(5);
        assertThat(report.path("imported").asInt()).isEqualTo(4);
        assertThat(report.path("mode").asText()).isEqualTo("valid-rows");
        assertThat(report.path("rejected")).hasSize(1);
        JsonNode rejected = report.path("rejected").get(0);
        assertThat(rejected.path("line").asLong()).isEqualTo(4);
        assertThat(rejected.path("code").asText()).isEqualTo("vocabulary.unknown-code");
        assertThat(rejected.path("message").asText())
                .isEqualTo("The code \"not-a-type\" does not exist in the list \"aggression-type\".");
        assertThat(recordedEvents()).isEqualTo(recordedBefore + 4);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private long recordedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Long.class, RECORDED);
    }

    private long casesListed() {
        // The list counts nothing (keyset paging, ADR 0031): the rows it reads.
        return jdbc.queryForObject("SELECT count(*) FROM case_summary", Long.class);
    }

    /** Other test classes may have left events the projection is still working through. */
    private long awaitCasesCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> casesListed() == recordedEvents());
        return casesListed();
    }

    private HttpResponse<String> postInEnglish(String path, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .header("Content-Type", "text/csv")
                                    .header("Accept-Language", "en")
                                    .header("Authorization", "Bearer " + TestUsers.token(node, "registrar"))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csv(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static String resourceText(String path) {
        try (InputStream in = AttackImportIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
