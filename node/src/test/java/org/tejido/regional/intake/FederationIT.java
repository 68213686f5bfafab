package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;
import org.tejido.ledger.note.WitnessKey;
import org.tejido.support.DatabaseDump;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.TestNodes;

/**
 * The federation end to end: three national nodes and one aggregator, each with its own PostgreSQL,
 * keys and certificates, over real gRPC with mutual TLS 1.3 on loopback. Attacks of every consent
 * scope are recorded at the nodes; the aggregator's database ends with exactly the consented,
 * minimized content and none of the identifying data; a revocation deletes the content at the
 * aggregator while every checkpoint and cosignature still verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationIT {
    private static final List<String> SCOPES = List.of("none", "statistics", "case", "public");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Node(
            String country,
            String subdivision,
            String origin,
            List<NoteVerifierKey> logKeys,
            Path dataDir,
            ConfigurableApplicationContext context,
            Map<String, String> defenderByScope,
            Map<String, String> attackByScope,
            List<String> secrets) {
        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        Http as(String role) {
            return TestNodes.http(context, role);
        }
    }

    private TestFederation federation;
    private ConfigurableApplicationContext aggregator;
    private JdbcTemplate regional;
    private final List<Node> nodes = new ArrayList<>();

    @BeforeAll
    void startTheFederation() throws Exception {
        federation = TestFederation.start("--tejido.node.domain=regional.test");
        aggregator = federation.aggregator();
        regional = aggregator.getBean(JdbcTemplate.class);
        for (String[] place : List.of(
                new String[] {"MX", "MX-OAX", "red-mx.test"},
                new String[] {"GT", "GT-01", "red-gt.test"},
                new String[] {"HN", "HN-CR", "red-hn.test"})) {
            TestFederation.Node started =
                    federation.addNode(place[0], place[1], place[2], "--tejido.federation.key-overlap=PT3S");
            nodes.add(new Node(
                    started.country(),
                    started.subdivision(),
                    started.origin(),
                    new ArrayList<>(List.of(started.logKey())),
                    started.dataDir(),
                    started.context(),
                    new LinkedHashMap<>(),
                    new LinkedHashMap<>(),
                    new ArrayList<>()));
        }
    }

    @AfterAll
    void stopTheFederation() {
        if (federation != null) {
            federation.close();
        }
    }

    @Test
    void onlyConsentedMinimizedContentReachesTheAggregatorAndARevocationDeletesIt() throws Exception {
        // given attacks of every consent scope at every node, with identifying data the node keeps
        for (Node node : nodes) {
            long before = entries(node);
            for (String scope : SCOPES) {
                record(node, scope);
            }
            // three of the four scopes share
            await().atMost(Duration.ofSeconds(30)).until(() -> entries(node) >= before + 3);
        }

        // then every node's log reaches the aggregator, leaf for leaf
        awaitAggregatorHoldsEveryNodesLog();
        for (Node node : nodes) {
            assertThat(scopesAtTheAggregator(node)).containsExactlyInAnyOrder("statistics", "case", "public");
            assertThat(targetsAtTheAggregator(node))
                    .doesNotContain(targetOf(node, node.attackByScope().get("none")));
            assertContentIsTheNodesMinimizedContent(node);
        }
        assertTheAggregatorsDatabaseHoldsNoSecret();
        everyCheckpointVerifies();

        // and the aggregator shows each shared record with its scope (regional_record)
        Node first = nodes.get(0);
        UUID revokedTarget = targetOf(first, first.attackByScope().get("case"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "case"
                        .equals(regional
                                .query(
                                        "SELECT scope FROM regional_record WHERE origin = ? AND target_id = ?",
                                        (rs, n) -> rs.getString(1),
                                        first.origin(),
                                        revokedTarget)
                                .stream()
                                .findFirst()
                                .orElse(null)));

        // when the defender with case consent at the first node revokes it
        String caseSummary = payloadAtTheAggregator(first, revokedTarget);
        assertThat(first.as("coordinator")
                        .postJson(
                                "/api/defenders/" + first.defenderByScope().get("case") + "/consent/revocation",
                                "{\"reason\":\"withdrawn\"}")
                        .status())
                .isEqualTo(204);

        // then the aggregator deletes that record's content, keeps its leaves, and everything verifies
        await().atMost(Duration.ofSeconds(30))
                .until(() -> first.jdbc()
                                .queryForObject(
                                        "SELECT count(*) FROM federation_entry WHERE kind = 3 AND target_id = ?",
                                        Long.class,
                                        revokedTarget)
                        == 1);
        awaitAggregatorHoldsEveryNodesLog();
        assertThat(regional.queryForObject(
                        "SELECT count(*) FROM regional_payload WHERE origin = ? AND target_id = ?",
                        Long.class,
                        first.origin(),
                        revokedTarget))
                .isZero();
        assertThat(regional.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE payloadtype = ?",
                        Long.class,
                        PayloadDeletedEvent.class.getName()))
                .isPositive();
        // (a view of the content, so it forgets the record in the transaction that deleted the content)
        assertThat(regional.queryForObject(
                        "SELECT count(*) FROM regional_record WHERE origin = ? AND target_id = ?",
                        Long.class,
                        first.origin(),
                        revokedTarget))
                .isZero();
        assertThat(DatabaseDump.of(aggregator.getBean(DataSource.class)).searchable())
                .doesNotContain(caseSummary);
        everyCheckpointVerifies();
    }

    @Test
    void aNodeRotatesItsLogKeyAndTheAggregatorFollows() throws Exception {
        // given a node whose log already reached the aggregator
        Node node = nodes.get(1);
        long first = entries(node);
        record(node, "statistics");
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(node) > first);
        awaitAggregatorHoldsEveryNodesLog();

        // when its operator creates the next key while the node runs
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = org.tejido.platform.pki.KeysCli.execute(
                new String[] {
                    "keys",
                    "rotate-log",
                    "--dir",
                    node.dataDir().resolve("keys").toString(),
                    "--origin",
                    node.origin()
                },
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        String announced = out.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("New verifier key"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .findFirst()
                .orElseThrow();
        NoteVerifierKey next = NoteVerifierKey.parse(announced);

        // then the rotation is a log entry, checkpoints during the overlap carry both signatures, and after the
        // overlap the node signs with the new key alone, which the aggregator accepts
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        node.jdbc().queryForObject("SELECT count(*) FROM federation_entry WHERE kind = 5", Long.class)
                                == 1);
        long rotationIndex =
                node.jdbc().queryForObject("SELECT log_index FROM federation_entry WHERE kind = 5", Long.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.list(node.dataDir().resolve("keys"))
                        .anyMatch(f -> f.getFileName().toString().startsWith("log-signing.retired-")));
        String overlapNote = node.jdbc()
                .queryForObject(
                        "SELECT note FROM federation_checkpoint WHERE tree_size > ? ORDER BY tree_size LIMIT 1",
                        String.class,
                        rotationIndex);
        SignedNote overlap = SignedNote.parse(overlapNote.getBytes(StandardCharsets.UTF_8));
        new NoteVerifier(List.of(node.logKeys().get(0))).verify(overlap);
        new NoteVerifier(List.of(next)).verify(overlap);
        node.logKeys().add(next);

        long before = entries(node);
        record(node, "case");
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(node) > before);
        awaitAggregatorHoldsEveryNodesLog();
        assertThat(regional.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                        Long.class,
                        node.origin(),
                        LogKeyRotatedEvent.class.getName()))
                .isEqualTo(1);
        String latest = regional.queryForObject(
                "SELECT checkpoint_note FROM regional_log_state WHERE origin = ?", String.class, node.origin());
        SignedNote latestNote = SignedNote.parse(latest.getBytes(StandardCharsets.UTF_8));
        new NoteVerifier(List.of(next)).verify(latestNote);
        assertThat(latestNote.signatures()).hasSize(1);
        everyCheckpointVerifies();
    }

    private void record(Node node, String scope) {
        String code = Fixtures.newDefenderCode(node.country());
        String secret = "Secreto-" + node.country() + "-" + scope + "-" + UUID.randomUUID();
        node.secrets().add(code);
        node.secrets().add(secret);
        Http registrar = node.as("registrar");
        Http coordinator = node.as("coordinator");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        assertThat(registrar
                        .putJson("/api/defenders/" + code + "/identity", """
                                {"fullName":"Nombre %1$s","contacts":["tel %1$s"],"exactAddress":"Calle %1$s"}
                                """.formatted(secret))
                        .status())
                .isEqualTo(204);
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
                Fixtures.attack()
                        .defenders(code)
                        .place(node.country(), node.subdivision())
                        .municipality("Municipio " + secret)
                        .narrative("Narrativa " + secret)
                        .json());
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String attackId = recorded.json().get("attackId").asText();
        node.secrets().add(attackId);
        node.defenderByScope().put(scope, code);
        node.attackByScope().put(scope, attackId);
    }

    private static long entries(Node node) {
        return node.jdbc().queryForObject("SELECT count(*) FROM federation_entry", Long.class);
    }

    private void awaitAggregatorHoldsEveryNodesLog() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> nodes.stream().allMatch(node -> {
                    List<byte[]> nodeLeaves = node.jdbc()
                            .query("SELECT leaf FROM federation_entry ORDER BY log_index", (rs, n) -> rs.getBytes(1));
                    List<byte[]> stored = storedLeaves(node);
                    return sameBytes(nodeLeaves, stored);
                }));
    }

    /** The leaves the aggregator stored for the node's origin, from its event store, in index order. */
    private List<byte[]> storedLeaves(Node node) {
        List<byte[]> leaves = new ArrayList<>();
        regional.query(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?"
                        + " ORDER BY sequencenumber",
                rs -> {
                    try {
                        JsonNode event = JSON.readTree(rs.getBytes(1));
                        long index = event.get("firstIndex").asLong();
                        for (JsonNode entry : event.get("entries")) {
                            assertThat(index++).isEqualTo(leaves.size());
                            leaves.add(
                                    Base64.getDecoder().decode(entry.get("leaf").asText()));
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                node.origin(),
                EntriesStoredEvent.class.getName());
        return leaves;
    }

    private Set<String> scopesAtTheAggregator(Node node) throws Exception {
        Set<String> scopes = new HashSet<>();
        for (byte[] payload : regional.query(
                "SELECT payload FROM regional_payload WHERE origin = ?", (rs, n) -> rs.getBytes(1), node.origin())) {
            scopes.add(JSON.readTree(payload).get("scope").asText());
        }
        return scopes;
    }

    private List<UUID> targetsAtTheAggregator(Node node) {
        return regional.query(
                "SELECT target_id FROM regional_payload WHERE origin = ?",
                (rs, n) -> rs.getObject(1, UUID.class),
                node.origin());
    }

    private UUID targetOf(Node node, String attackId) {
        return node.jdbc()
                .queryForObject(
                        "SELECT target_id FROM federation_attack WHERE attack_id = ?",
                        UUID.class,
                        UUID.fromString(attackId));
    }

    private String payloadAtTheAggregator(Node node, UUID target) {
        byte[] payload = regional.queryForObject(
                "SELECT payload FROM regional_payload WHERE origin = ? AND target_id = ? ORDER BY log_index DESC"
                        + " LIMIT 1",
                byte[].class,
                node.origin(),
                target);
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * Byte for byte the content the node's log committed to for its shares (minimized there), index by
     * index. (A key rotation's content, a public key, stays in the aggregator's events, not beside them.)
     */
    private void assertContentIsTheNodesMinimizedContent(Node node) {
        Map<Long, byte[]> atNode = new LinkedHashMap<>();
        node.jdbc()
                .query(
                        "SELECT log_index, payload FROM federation_entry WHERE payload IS NOT NULL AND kind IN (1, 2)",
                        rs -> {
                            atNode.put(rs.getLong(1), rs.getBytes(2));
                        });
        Map<Long, byte[]> atAggregator = new LinkedHashMap<>();
        regional.query(
                "SELECT log_index, payload FROM regional_payload WHERE origin = ?",
                rs -> {
                    atAggregator.put(rs.getLong(1), rs.getBytes(2));
                },
                node.origin());
        assertThat(atAggregator.keySet()).isEqualTo(atNode.keySet());
        atNode.forEach((index, payload) -> assertThat(atAggregator.get(index)).isEqualTo(payload));
    }

    private void assertTheAggregatorsDatabaseHoldsNoSecret() throws Exception {
        String dump = DatabaseDump.of(aggregator.getBean(DataSource.class)).searchable();
        for (Node node : nodes) {
            for (String secret : node.secrets()) {
                assertThat(dump).as("the aggregator's database").doesNotContain(secret);
            }
        }
        assertThat(dump).contains("Nombre público acordado");
    }

    /**
     * Each node's checkpoints verify under its key and match its own leaves; the aggregator's stored
     * leaves give the root of the node's latest checkpoint, which the witness cosigned.
     */
    private void everyCheckpointVerifies() throws Exception {
        Witness witness = aggregator.getBean(Witness.class);
        for (Node node : nodes) {
            NoteVerifier verifier = new NoteVerifier(node.logKeys());
            // Checkpoints first: each covers leaves that exist, so the hashes read after cover them all.
            List<String> notes = node.jdbc().queryForList("SELECT note FROM federation_checkpoint", String.class);
            List<byte[]> hashes = node.jdbc()
                    .query("SELECT leaf_hash FROM federation_entry ORDER BY log_index", (rs, n) -> rs.getBytes(1));
            for (String note : notes) {
                Checkpoint checkpoint = Checkpoint.fromVerified(
                        verifier.verify(SignedNote.parse(note.getBytes(StandardCharsets.UTF_8))));
                assertThat(checkpoint.rootHash())
                        .isEqualTo(MerkleTree.root(hashes.subList(0, (int) checkpoint.size())));
            }

            if (hashes.isEmpty()) {
                continue; // nothing recorded at this node yet, so nothing at the aggregator either
            }
            Map<String, Object> state = regional.queryForMap(
                    "SELECT stored_size, checkpoint_note, cosignature_note FROM regional_log_state WHERE origin = ?",
                    node.origin());
            String note = (String) state.get("checkpoint_note");
            SignedNote cosigned =
                    SignedNote.parse((note + state.get("cosignature_note")).getBytes(StandardCharsets.UTF_8));
            Checkpoint latest = Checkpoint.fromVerified(verifier.verify(cosigned));
            assertThat(Cosigner.verify(
                            witness.cosigner().name(),
                            witness.cosigner().publicKey(),
                            cosigned.text(),
                            cosigned.signatures().get(cosigned.signatures().size() - 1)))
                    .isPositive();
            // The node checked the witness's cosignature (tejido.federation.witness-key) before keeping it.
            WitnessKey witnessKey = WitnessKey.parse(witness.verifierKey());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String kept = node.jdbc()
                        .queryForObject(
                                "SELECT cosigned_note FROM federation_push_state WHERE origin = ?",
                                String.class,
                                node.origin());
                assertThat(kept).isNotNull();
                assertThat(witnessKey.cosigned(SignedNote.parse(kept))).isTrue();
            });
            List<byte[]> storedHashes =
                    storedLeaves(node).stream().map(MerkleHash::leaf).toList();
            assertThat(latest.size()).isEqualTo(storedHashes.size());
            assertThat(MerkleTree.root(storedHashes)).isEqualTo(latest.rootHash());
        }
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
