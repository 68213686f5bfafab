package org.tejido.national.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.IndependentTilesReader;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;

/**
 * A national node's log read by an auditor as C2SP tlog-tiles with a reader that shares no code with the
 * server: attacks shared under consent, one defender erased; the tiles rebuild the signed root, the
 * bundles hold the leaves and no payload byte, and the served proofs verify with the reader's own
 * verifier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogTilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigurableApplicationContext node;
    private JdbcTemplate jdbc;
    private String base;
    private final List<byte[]> payloads = new ArrayList<>();

    @BeforeAll
    void recordSharedAttacksAndEraseOneDefender() {
        node = TestNodes.start(TestDatabase.fresh(), "--tejido.federation.checkpoint-interval=PT0.5S");
        jdbc = node.getBean(JdbcTemplate.class);
        base = "http://localhost:" + TestNodes.port(node) + "/api/federation/log/";
        List<String> codes = new ArrayList<>();
        for (String scope : List.of("statistics", "case", "public", "statistics")) {
            codes.add(record(scope));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> entries() >= 4);
        payloads.addAll(jdbc.query(
                "SELECT payload FROM federation_entry WHERE octet_length(payload) > 0", (rs, n) -> rs.getBytes(1)));
        assertThat(payloads).isNotEmpty();

        Http coordinator = TestNodes.http(node, "coordinator");
        assertThat(coordinator
                        .postJson("/api/defenders/" + codes.get(1) + "/erasure", "{\"reason\":\"asked\"}")
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM federation_entry WHERE kind = 4", Long.class) == 1);
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
    void anIndependentReaderRebuildsTheSignedLogFromItsTilesAndFindsNoPayload() throws Exception {
        // given an auditor's token and the node's log key
        IndependentTilesReader reader = reader("auditor");
        String key = new String(reader.get(base + "key").body(), StandardCharsets.UTF_8);

        // when she reads every tile and bundle of the latest checkpoint
        IndependentTilesReader.Log log = reader.readAll();

        // then the checkpoint is the node's, signed by its key, and the leaves are the node's leaves
        assertThat(log.size()).isEqualTo(entries());
        assertThat(IndependentTilesReader.signedBy(log.note(), key)).isTrue();
        List<byte[]> leaves =
                jdbc.query("SELECT leaf FROM federation_entry ORDER BY log_index", (rs, n) -> rs.getBytes(1));
        assertThat(log.entries())
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(leaves);
        // and no byte of any payload, erased or not, is in anything served
        assertThat(jdbc.queryForObject("SELECT count(*) FROM federation_entry WHERE payload IS NULL", Long.class))
                .as("the erased defender's content is gone")
                .isPositive();
        for (byte[] body : reader.bodies()) {
            String served = new String(body, StandardCharsets.ISO_8859_1);
            assertThat(served).doesNotContain("\"scope\"", "aggressionTypes");
            for (byte[] payload : payloads) {
                assertThat(served).doesNotContain(new String(payload, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void servedProofsVerifyWithTheReadersOwnVerifier() throws Exception {
        IndependentTilesReader reader = reader("auditor");
        IndependentTilesReader.Log log = reader.readAll();
        long size = log.size();
        HexFormat hex = HexFormat.of();

        // inclusion by index, against the checkpoint's size
        for (long index = 0; index < size; index++) {
            JsonNode proof = json(reader.get(base + "proofs/inclusion?index=" + index));
            assertThat(proof.get("treeSize").asLong()).isEqualTo(size);
            assertThat(hex.parseHex(proof.get("leafHash").asText()))
                    .isEqualTo(log.leafHashes().get((int) index));
            assertThat(IndependentTilesReader.rootFromInclusion(
                            index, size, log.leafHashes().get((int) index), hashes(proof.get("proof"))))
                    .as("inclusion of %d", index)
                    .isEqualTo(log.root());
        }
        // inclusion by leaf hash against an older size, as text
        byte[] second = log.leafHashes().get(1);
        HttpResponse<byte[]> text =
                reader.get(base + "proofs/inclusion?leaf=" + hex.formatHex(second) + "&size=3", "text/plain");
        List<String> lines =
                new String(text.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.subList(0, 4))
                .containsExactly("tejido-inclusion-proof/v1", "size 3", "index 1", "leaf " + hex.formatHex(second));
        List<byte[]> path =
                lines.subList(4, lines.size()).stream().map(hex::parseHex).toList();
        assertThat(IndependentTilesReader.rootFromInclusion(1, 3, second, path))
                .isEqualTo(IndependentTilesReader.mth(log.leafHashes(), 0, 3));

        // consistency from every earlier size to the checkpoint's
        for (long first = 1; first <= size; first++) {
            JsonNode proof = json(reader.get(base + "proofs/consistency?first=" + first));
            assertThat(proof.get("secondSize").asLong()).isEqualTo(size);
            assertThat(IndependentTilesReader.consistent(
                            first,
                            size,
                            hashes(proof.get("proof")),
                            IndependentTilesReader.mth(log.leafHashes(), 0, (int) first),
                            log.root()))
                    .as("consistency from %d", first)
                    .isTrue();
        }
    }

    @Test
    void badRequestsGetStableCodesAndOtherRolesNothing() throws Exception {
        IndependentTilesReader auditor = reader("auditor");
        long size = entries();
        assertProblem(auditor.get(base + "tiles/tile/0/5"), 400, "tiles.malformed-path");
        assertProblem(auditor.get(base + "tiles/tile/0/000.p/0"), 400, "tiles.malformed-path");
        assertProblem(auditor.get(base + "tiles/tile/0/000"), 404, "tiles.not-found");
        assertProblem(auditor.get(base + "tiles/tile/0/000.p/" + (size + 1)), 404, "tiles.not-found");
        assertProblem(auditor.get(base + "tiles/tile/entries/001.p/1"), 404, "tiles.not-found");
        assertProblem(auditor.get(base + "proofs/inclusion?index=" + size), 422, "tiles.out-of-range");
        assertProblem(auditor.get(base + "proofs/inclusion?index=0&size=" + (size + 1)), 422, "tiles.out-of-range");
        assertProblem(auditor.get(base + "proofs/inclusion"), 422, "tiles.index-or-leaf");
        assertProblem(auditor.get(base + "proofs/inclusion?leaf=00"), 400, "tiles.malformed-hash");
        assertProblem(auditor.get(base + "proofs/inclusion?leaf=" + "00".repeat(32)), 404, "tiles.leaf-not-found");
        assertProblem(auditor.get(base + "proofs/consistency?first=0"), 422, "tiles.out-of-range");
        assertProblem(auditor.get(base + "proofs/consistency?first=2&second=1"), 422, "tiles.out-of-range");

        assertThat(reader("coordinator").get(base + "tiles/checkpoint").statusCode())
                .isEqualTo(200);
        for (String role : List.of("registrar", "analyst", "admin")) {
            assertThat(reader(role).get(base + "tiles/tile/0/000.p/1").statusCode())
                    .as(role)
                    .isEqualTo(403);
        }
    }

    private IndependentTilesReader reader(String role) {
        return new IndependentTilesReader(base + "tiles/", TestUsers.token(node, role));
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

    private long entries() {
        return jdbc.queryForObject("SELECT count(*) FROM federation_entry", Long.class);
    }

    private String record(String scope) {
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
        return code;
    }
}
