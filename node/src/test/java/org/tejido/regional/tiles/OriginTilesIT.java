package org.tejido.regional.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.regional.intake.IntakeDriver;
import org.tejido.support.IndependentTilesReader;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;

/**
 * Every origin's log at the aggregator read by an auditor as C2SP tlog-tiles with a reader that shares no
 * code with the server: 300 entries pushed through the real intake (full and partial tiles, a level 1
 * tile), one record retracted; the tiles rebuild the root of the cosigned checkpoint, the bundles hold the
 * pushed leaves and no payload byte, and the served proofs verify with the reader's own verifier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OriginTilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "sv.example.org/SV/v1";
    private static final int RECORDS = 299;

    private ConfigurableApplicationContext aggregator;
    private JdbcTemplate jdbc;
    private String base;
    private IntakeDriver node;
    private final List<String> contents = new ArrayList<>();

    @BeforeAll
    void pushALogOfThreeHundredEntriesWithARetraction() throws Exception {
        Path pki = TestDirectories.create("tiles-pki-");
        FederationCa ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Tiles test CA");
        Path tls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(tls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        aggregator = TestNodes.startAggregator(TestDatabase.fresh(), tls, "--tejido.node.domain=regional.test");
        jdbc = aggregator.getBean(JdbcTemplate.class);
        base = "http://localhost:" + TestNodes.port(aggregator) + "/api/federation/origins";

        node = new IntakeDriver(aggregator, ORIGIN, 41);
        aggregator.getBean(Enrollments.class).enroll(ORIGIN, "sha256:" + "cd".repeat(32), node.logKey());
        for (int record = 1; record <= RECORDS; record++) {
            String content = statistics(record);
            contents.add(content);
            node.share(record, content);
        }
        node.pushInBatches();
        node.revoke(7).push();
        await().atMost(Duration.ofSeconds(60)).until(() -> servedSize() == RECORDS + 1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM regional_payload WHERE origin = ? AND target_id = ?",
                        Long.class,
                        ORIGIN,
                        IntakeDriver.recordId(7)))
                .as("the retracted record's content is deleted")
                .isZero();
    }

    @AfterAll
    void stop() {
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void anIndependentReaderRebuildsTheCosignedLogFromItsTilesAndFindsNoPayload() throws Exception {
        // given the list of origins, which names this one with its address
        IndependentTilesReader auditor = reader("auditor");
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(ORIGIN.getBytes(StandardCharsets.UTF_8));
        JsonNode origins = json(auditor.get(base));
        assertThat(origins).hasSize(1);
        assertThat(origins.get(0).get("origin").asText()).isEqualTo(ORIGIN);
        assertThat(origins.get(0).get("id").asText()).isEqualTo(id);
        assertThat(origins.get(0).get("treeSize").asLong()).isEqualTo(RECORDS + 1);
        assertThat(origins.get(0).get("tiles").asText()).isEqualTo("/api/federation/origins/" + id + "/tiles/");

        // when she reads every tile and bundle of the cosigned checkpoint
        IndependentTilesReader tiles =
                new IndependentTilesReader(base + "/" + id + "/tiles/", TestUsers.token(aggregator, "auditor"));
        IndependentTilesReader.Log log = tiles.readAll();

        // then the checkpoint is the node's, signed by the node's key and cosigned by the aggregator
        assertThat(log.origin()).isEqualTo(ORIGIN);
        assertThat(log.size()).isEqualTo(RECORDS + 1);
        assertThat(log.root()).isEqualTo(node.root(RECORDS + 1));
        assertThat(IndependentTilesReader.signedBy(log.note(), node.logKey())).isTrue();
        assertThat(log.note().lines().filter(l -> l.startsWith("\u2014 "))).hasSize(2);
        assertThat(log.note())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT checkpoint_note || cosignature_note FROM regional_log_state WHERE origin = ?",
                        String.class,
                        ORIGIN));
        // and the cosignature is by the witness key the aggregator serves
        String witnessKey =
                new String(tiles.get(base.replace("/origins", "/witness-key")).body(), StandardCharsets.UTF_8).trim();
        assertThat(org.tejido.ledger.note.WitnessKey.parse(witnessKey)
                        .cosigned(org.tejido.ledger.note.SignedNote.parse(
                                log.note().getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        // and the level 1 tile (256 leaves) is there and right (checked by the reader)
        assertThat(tiles.get(base + "/" + id + "/tiles/tile/1/000.p/1").statusCode())
                .isEqualTo(200);
        // and no byte of any payload, retracted or not, is in anything served
        for (byte[] body : tiles.bodies()) {
            String served = new String(body, StandardCharsets.ISO_8859_1);
            assertThat(served).doesNotContain("aggressionTypes", "\"scope\"");
            for (String content : contents) {
                assertThat(served).doesNotContain(content);
            }
        }
    }

    @Test
    void servedProofsVerifyWithTheReadersOwnVerifier() throws Exception {
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(ORIGIN.getBytes(StandardCharsets.UTF_8));
        IndependentTilesReader tiles =
                new IndependentTilesReader(base + "/" + id + "/tiles/", TestUsers.token(aggregator, "auditor"));
        IndependentTilesReader.Log log = tiles.readAll();
        long size = log.size();
        HexFormat hex = HexFormat.of();
        String proofs = base + "/" + id + "/proofs/";

        for (long index : new long[] {0, 1, 255, 256, 257, size - 1}) {
            JsonNode proof = json(tiles.get(proofs + "inclusion?index=" + index));
            assertThat(IndependentTilesReader.rootFromInclusion(
                            index, size, log.leafHashes().get((int) index), hashes(proof.get("proof"))))
                    .as("inclusion of %d", index)
                    .isEqualTo(log.root());
        }
        byte[] leaf = log.leafHashes().get(260);
        JsonNode byHash = json(tiles.get(proofs + "inclusion?leaf=" + hex.formatHex(leaf) + "&size=270"));
        assertThat(byHash.get("leafIndex").asLong()).isEqualTo(260);
        assertThat(IndependentTilesReader.rootFromInclusion(260, 270, leaf, hashes(byHash.get("proof"))))
                .isEqualTo(IndependentTilesReader.mth(log.leafHashes(), 0, 270));

        for (long first : new long[] {1, 2, 255, 256, 257, 299, size}) {
            JsonNode proof = json(tiles.get(proofs + "consistency?first=" + first + "&second=" + size));
            assertThat(IndependentTilesReader.consistent(
                            first,
                            size,
                            hashes(proof.get("proof")),
                            IndependentTilesReader.mth(log.leafHashes(), 0, (int) first),
                            log.root()))
                    .as("consistency from %d", first)
                    .isTrue();
        }
        HttpResponse<byte[]> text = tiles.get(proofs + "consistency?first=256&second=" + size, "text/plain");
        List<String> lines =
                new String(text.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.subList(0, 3)).containsExactly("tejido-consistency-proof/v1", "first 256", "second " + size);
        assertThat(IndependentTilesReader.consistent(
                        256,
                        size,
                        lines.subList(3, lines.size()).stream()
                                .map(hex::parseHex)
                                .toList(),
                        IndependentTilesReader.mth(log.leafHashes(), 0, 256),
                        log.root()))
                .isTrue();
    }

    @Test
    void unknownOriginsAndBadPathsGetStableCodesAndOnlyAuditorsGetIn() throws Exception {
        IndependentTilesReader auditor = reader("auditor");
        String unknown = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("gt.example.org/GT/v1".getBytes(StandardCharsets.UTF_8));
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(ORIGIN.getBytes(StandardCharsets.UTF_8));
        assertProblem(auditor.get(base + "/" + unknown + "/tiles/checkpoint"), 404, "tiles.unknown-origin");
        assertProblem(auditor.get(base + "/" + id + "=/tiles/checkpoint"), 404, "tiles.unknown-origin");
        assertProblem(auditor.get(base + "/" + id + "/tiles/tile/1/000"), 404, "tiles.not-found");
        assertProblem(auditor.get(base + "/" + id + "/tiles/tile/0/x000/001"), 400, "tiles.malformed-path");
        assertProblem(auditor.get(base + "/" + id + "/proofs/inclusion?index=300"), 422, "tiles.out-of-range");

        for (String role : List.of("analyst", "admin", "coordinator", "registrar")) {
            assertThat(reader(role).get(base).statusCode()).as(role).isEqualTo(403);
            assertThat(reader(role).get(base + "/" + id + "/tiles/checkpoint").statusCode())
                    .as(role)
                    .isEqualTo(403);
        }
    }

    private long servedSize() {
        return jdbc
                .query(
                        "SELECT tree_size FROM regional_tile_checkpoint WHERE origin = ?",
                        (rs, n) -> rs.getLong(1),
                        ORIGIN)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    private IndependentTilesReader reader(String role) {
        return new IndependentTilesReader(base + "/", TestUsers.token(aggregator, role));
    }

    private static String statistics(int record) {
        return "{\"scope\":\"statistics\",\"share\":{\"aggressionTypes\":[\"death-threat\"],\"country\":\"SV\","
                + "\"genderElements\":[],\"period\":\"2024-" + String.format("%02d", 1 + record % 12) + "\","
                + "\"perpetrators\":[{\"involvement\":\"direct\",\"perpetrator\":\"police\"}],"
                + "\"rightsDefended\":[\"land-and-territory\"],\"subdivision\":null,\"targetKind\":\"defender\","
                + "\"verificationStatus\":\"verified\"}}";
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String code) throws Exception {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(JSON.readTree(body).get("code").asText()).isEqualTo(code);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(HexFormat.of().parseHex(h.asText())));
        return hashes;
    }
}
