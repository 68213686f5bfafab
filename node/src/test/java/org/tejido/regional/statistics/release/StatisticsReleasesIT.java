package org.tejido.regional.statistics.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.regional.intake.IntakeDriver;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * The regional team's statistics on a real aggregator fed by the real intake: provisional tables as JSON
 * and CSV, a release signed with the release key and naming each origin's checkpoint, a revocation that
 * changes the provisional figures at once and leaves the release as published, and a second release.
 * The tests build on each other, in order, like the team's day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsReleasesIT {
    static final String TOTAL_2026 = "country-by-period/all/2026";

    private ConfigurableApplicationContext aggregator;
    private Http analyst;
    private IntakeDriver mx;
    private IntakeDriver gt;
    private byte[] firstRelease;

    @BeforeAll
    void seedTheFederation() throws Exception {
        Path pki = TestDirectories.create("statistics-release-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Release test CA");
        Path tls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(tls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        aggregator = TestNodes.startAggregator(TestDatabase.fresh(), tls, "--tejido.node.domain=regional.test");
        analyst = TestNodes.http(aggregator, "analyst");
        Enrollments enrollments = aggregator.getBean(Enrollments.class);
        mx = new IntakeDriver(aggregator, "mx.example.org/MX/v1", 41);
        gt = new IntakeDriver(aggregator, "gt.example.org/GT/v1", 42);
        enrollments.enroll(mx.origin(), "sha256:" + "01".repeat(32), mx.logKey());
        enrollments.enroll(gt.origin(), "sha256:" + "02".repeat(32), gt.logKey());
        // Mexico: seven death threats against seven defenders, and one femicide (one defender)
        for (int i = 1; i <= 7; i++) {
            mx.share(i, share("MX", "2026-03", "death-threat", i));
        }
        mx.share(8, share("MX", "2026-03", "femicide", 100));
        mx.push();
        // Guatemala: six cases of harassment against six defenders
        for (int i = 1; i <= 6; i++) {
            gt.share(i, share("GT", "2026-05", "harassment", 200 + i));
        }
        gt.push();
    }

    @AfterAll
    void stopTheAggregator() {
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    @Order(1)
    void theProvisionalTablesAreProtectedAndTheirCsvSaysWhatTheirJsonSays() throws Exception {
        // when the analyst reads the year's provisional tables, as JSON and as CSV
        Http.Response json = analyst.get("/api/statistics/tables?year=2026");
        Http.Response csv = analyst.get("/api/statistics/tables?year=2026&format=csv");

        // then the year's total is published, the one defender's femicide is not
        assertThat(json.status()).isEqualTo(200);
        Map<String, JsonNode> cells = cells(json.json());
        assertThat(cells.get(TOTAL_2026).path("value").asInt()).isEqualTo(14);
        assertThat(cells.get("country-by-aggression/MX/type:femicide")
                        .path("suppressed")
                        .asBoolean())
                .isTrue();
        assertThat(cells.values())
                .noneMatch(c -> c.has("value")
                        && c.path("value").asInt() > 0
                        && c.path("value").asInt() < 5
                        && c.path("id").asText().contains("femicide"));
        // and the CSV, UTF-8 with a byte order mark and CRLF lines, has each cell as the JSON has it
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFtable,row,column,");
        assertThat(csv.body()).contains("\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.body().substring(1)))
                .getRecords();
        assertThat(rows).hasSize(cells.size());
        for (CSVRecord row : rows) {
            JsonNode cell = cells.get(row.get("table") + "/" + row.get("row") + "/" + row.get("column"));
            assertThat(cell).as(row.toString()).isNotNull();
            if (cell.has("value")) {
                assertThat(row.get("value")).isEqualTo(cell.path("value").asText());
                assertThat(row.get("suppressed")).isEqualTo("false");
            } else {
                assertThat(row.get("value")).isEmpty();
                assertThat(row.get("suppressed")).isEqualTo("true");
            }
        }
        // and a selection shows the same figures, for fewer cells
        Map<String, JsonNode> mexico =
                cells(analyst.get("/api/statistics/tables?year=2026&tables=country-by-period&countries=MX")
                        .json());
        assertThat(mexico)
                .isNotEmpty()
                .allSatisfy((id, cell) -> assertThat(cell).isEqualTo(cells.get(id)));
        assertThat(mexico.keySet()).allMatch(id -> id.startsWith("country-by-period/MX/"));
    }

    @Test
    @Order(2)
    void aReleaseIsSignedWithTheReleaseKeyAndNamesEachOriginsCheckpoint() throws Exception {
        // when the analyst publishes the year
        Http.Response published = analyst.postJson("/api/statistics/releases", "{\"year\":2026}");

        // then release 1 is stored; its note verifies with the release key and names the content's digest
        assertThat(published.status()).isEqualTo(201);
        assertThat(published.json().path("number").asInt()).isEqualTo(1);
        NoteVerifierKey key = NoteVerifierKey.parse(
                analyst.get("/api/statistics/release-key").body().strip());
        String noteText = analyst.get("/api/statistics/releases/2026/1/note").body();
        ReleaseNote note = ReleaseNote.parse(new NoteVerifier(List.of(key))
                .verify(SignedNote.parse(noteText))
                .text());
        firstRelease = analyst.get("/api/statistics/releases/2026/1").body().getBytes(StandardCharsets.UTF_8);
        assertThat(note.contentSha256())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(firstRelease));
        assertThat(note.parameters().threshold()).isEqualTo(5);
        // and each origin's source is the checkpoint the aggregator accepted: size and root
        assertThat(note.sources()).extracting(ReleaseNote.Source::origin).containsExactly(gt.origin(), mx.origin());
        for (ReleaseNote.Source s : note.sources()) {
            IntakeDriver node = s.origin().equals(mx.origin()) ? mx : gt;
            assertThat(s.rootHash()).isEqualTo(node.root((int) s.treeSize()));
        }
        assertThat(note.sources().get(1).treeSize()).isEqualTo(8);
        // and the release's figures are the provisional ones it was computed from
        assertThat(cells(analyst.get("/api/statistics/releases/2026/1").json()))
                .isEqualTo(cells(analyst.get("/api/statistics/tables?year=2026").json()));
    }

    @Test
    @Order(3)
    void aConsentRevokedAtANodeChangesTheProvisionalFiguresAtOnceAndLeavesTheReleaseAsPublished() {
        // when Guatemala retracts one record (its consent was revoked)
        gt.revoke(3).push();

        // then the provisional total counts one fewer at once
        JsonNode total =
                cells(analyst.get("/api/statistics/tables?year=2026").json()).get(TOTAL_2026);
        assertThat(total.path("value").asInt()).isEqualTo(13);
        // and release 1 is as it was published
        assertThat(analyst.get("/api/statistics/releases/2026/1").body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(firstRelease);
    }

    @Test
    @Order(4)
    void aSecondReleaseOfTheYearIsProtectedKnowingTheFirst() {
        // when the analyst publishes the year again
        Http.Response second = analyst.postJson("/api/statistics/releases", "{\"year\":2026}");

        // then it is release 2, without the retracted record, and both are listed
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("number").asInt()).isEqualTo(2);
        assertThat(cells(analyst.get("/api/statistics/releases/2026/2").json())
                        .get(TOTAL_2026)
                        .path("value")
                        .asInt())
                .isEqualTo(13);
        assertThat(analyst.get("/api/statistics/releases").json()).hasSize(2);
    }

    @Test
    @Order(5)
    void parametersBelowTheAggregatorsAndOtherRolesAreRefused() {
        Http.Response weaker = analyst.postJson("/api/statistics/releases", "{\"year\":2026,\"threshold\":3}");
        assertThat(weaker.status()).isEqualTo(422);
        assertThat(weaker.problemCode()).isEqualTo("statistics.invalid-parameters");
        assertThat(analyst.get("/api/statistics/releases/2026/9").status()).isEqualTo(404);
        assertThat(analyst.get("/api/statistics/tables?year=2026&countries=XX").problemCode())
                .isEqualTo("statistics.unknown-selection");
        assertThat(TestNodes.http(aggregator, "registrar")
                        .get("/api/statistics/tables?year=2026")
                        .status())
                .isEqualTo(403);
        assertThat(TestNodes.http(aggregator, "auditor")
                        .get("/api/statistics/releases/2026/1")
                        .status())
                .isEqualTo(200);
        assertThat(TestNodes.http(aggregator, "auditor")
                        .postJson("/api/statistics/releases", "{\"year\":2026}")
                        .status())
                .isEqualTo(403);
    }

    private static Map<String, JsonNode> cells(JsonNode release) {
        Map<String, JsonNode> out = new HashMap<>();
        release.path("tables")
                .forEach(t -> t.path("cells").forEach(c -> out.put(c.path("id").asText(), c)));
        return out;
    }

    /** Version-2 statistics content for one attack against one person (docs/federation-protocol.md 5). */
    static String share(String country, String period, String type, int person) {
        String contributor = "ctb-" + String.format("%032x", person);
        return "{\"scope\":\"statistics\",\"share\":{\"aggressionTypes\":[\"" + type + "\"],\"contributors\":[\""
                + contributor + "\"],\"country\":\"" + country + "\",\"genderElements\":[],\"period\":\"" + period
                + "\",\"perpetrators\":[{\"involvement\":\"direct\",\"perpetrator\":\"police\"}],"
                + "\"rightsDefended\":[],\"subdivision\":null,\"targetKind\":\"defender\","
                + "\"verificationStatus\":\"verified\"},\"version\":2}";
    }
}
