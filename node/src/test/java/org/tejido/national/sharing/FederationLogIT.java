package org.tejido.national.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.ledger.leaf.ChainResult;
import org.tejido.ledger.leaf.ChainTip;
import org.tejido.ledger.leaf.Commitment;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.leaf.LogChain;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;
import org.tejido.ledger.note.VerifiedNote;
import org.tejido.support.Defenders;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * The node's federation log, checked the way an outside verifier would with the ledger alone: leaves
 * parse strictly and chain, commitments match their payloads, checkpoints are signed by the node's log
 * key and commit to the recomputed root; shares follow consent; a retraction removes the content
 * while every checkpoint still verifies.
 */
@NodeIntegrationTest
class FederationLogIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LogIdentity identity;

    @Autowired
    DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDefendersAttacksAreLookedUpThroughTheIndexOfAttacksNamingDefenders() throws Exception {
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // The table is small in a test; without this the planner rightly prefers reading it all.
                statement.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement explain =
                    connection.prepareStatement("EXPLAIN " + SharingLog.ATTACKS_NAMING_DEFENDER)) {
                explain.setString(1, Fixtures.newDefenderCode("HN"));
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        assertThat(String.join("\n", plan)).contains("federation_attack_defenders_idx");
    }

    @Test
    void consentedSharesEnterTheSignedLogMinimizedAndRetractionsEraseTheirContent() throws Exception {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        String code = Fixtures.newDefenderCode("HN");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        String unconsented = registrar
                .postJson("/api/attacks", Fixtures.attack().place("HN", "HN-CR").json())
                .json()
                .get("attackId")
                .asText();
        assertThat(coordinator
                        .putJson("/api/defenders/" + code + "/consent", Fixtures.consentJson("statistics"))
                        .status())
                .isEqualTo(204);
        String attackId = registrar
                .postJson(
                        "/api/attacks",
                        Fixtures.attack()
                                .defenders(code)
                                .place("HN", "HN-CR")
                                .narrative("Narrativa que nunca sale")
                                .json())
                .json()
                .get("attackId")
                .asText();

        Map<String, Object> shared = awaitEntry(LeafKind.SHARED, attackId);
        JsonNode payload = json.readTree((byte[]) shared.get("payload"));
        assertThat(payload.get("scope").asText()).isEqualTo("statistics");
        assertThat(payload.at("/share/subdivision").asText()).isEqualTo("HN-CR");
        // Version 2: she is named by her pseudonym under this node's contributor key, never by her code.
        assertThat(payload.get("version").isInt()).isTrue();
        assertThat(payload.get("version").asInt()).isEqualTo(2);
        assertThat(payload.at("/share/contributors").toString())
                .isEqualTo("[\"" + node.getBean(ContributorPseudonyms.class).ofDefender(code) + "\"]");
        assertThat(payload.toString())
                .doesNotContain("Narrativa")
                .doesNotContain(code)
                .doesNotContain(attackId)
                .doesNotContain("Municipio")
                // Who recorded it is in the event's metadata (the history shows it), never in a share.
                .doesNotContain("it-registrar-")
                .doesNotContain("it-coordinator-");

        // Upgrading her consent to case amends the share.
        assertThat(coordinator
                        .putJson("/api/defenders/" + code + "/consent", Fixtures.consentJson("case"))
                        .status())
                .isEqualTo(204);
        Map<String, Object> amended = awaitEntry(LeafKind.AMENDED, attackId);
        assertThat(json.readTree((byte[]) amended.get("payload")).get("scope").asText())
                .isEqualTo("case");

        // Revoking it retracts: a revocation entry, and the content of the earlier entries is gone.
        assertThat(coordinator
                        .postJson("/api/defenders/" + code + "/consent/revocation", "{\"reason\":\"withdrawn\"}")
                        .status())
                .isEqualTo(204);
        Map<String, Object> revoked = awaitEntry(LeafKind.CONSENT_REVOKED, attackId);
        assertThat(revoked.get("payload")).isEqualTo(new byte[0]);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM federation_entry WHERE target_id = ? AND payload IS NOT NULL AND kind <> ?",
                        Long.class,
                        shared.get("target_id"),
                        LeafKind.CONSENT_REVOKED.code()))
                .isZero();
        // The attack nobody consented for never entered the log.
        assertThat(targetOf(unconsented)).isNull();

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        jdbc.queryForObject("SELECT coalesce(max(tree_size), 0) FROM federation_checkpoint", Long.class)
                                == jdbc.queryForObject("SELECT count(*) FROM federation_entry", Long.class));
        verifyEverything();
        verifyAsAnAuditorOverHttp();
    }

    @Test
    void anAttackNamingNoDefenderIsKeptByTheLogOnlyOnceItHasAConsentAndSharesItsLatestContent() throws Exception {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        String attackId = registrar
                .postJson("/api/attacks", Fixtures.attack().place("HN", "HN-CR").json())
                .json()
                .get("attackId")
                .asText();
        // A later attack naming a consented defender is handled after it, in order: once its share is in
        // the log, the first attack has been handled too.
        String code = Defenders.registeredWithConsent(registrar, coordinator, "HN", "statistics");
        String later = registrar
                .postJson(
                        "/api/attacks",
                        Fixtures.attack().defenders(code).place("HN", "HN-CR").json())
                .json()
                .get("attackId")
                .asText();
        awaitEntry(LeafKind.SHARED, later);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM federation_attack WHERE attack_id = ?::uuid", Long.class, attackId))
                .isZero();

        // Its own consent: the share is computed from its event stream.
        assertThat(coordinator
                        .putJson("/api/attacks/" + attackId + "/consent", Fixtures.consentJson("statistics"))
                        .status())
                .isEqualTo(204);
        Map<String, Object> shared = awaitEntry(LeafKind.SHARED, attackId);
        JsonNode payload = json.readTree((byte[]) shared.get("payload"));
        assertThat(payload.get("scope").asText()).isEqualTo("statistics");
        assertThat(payload.at("/share/subdivision").asText()).isEqualTo("HN-CR");

        // A correction amends the share with the corrected facts.
        String corrected = Fixtures.attack().place("HN", "HN-AT").facts();
        assertThat(registrar
                        .postJson(
                                "/api/attacks/" + attackId + "/corrections",
                                "{\"facts\":" + corrected + ",\"reason\":\"place confirmed\"}")
                        .status())
                .isEqualTo(204);
        Map<String, Object> amended = awaitEntry(LeafKind.AMENDED, attackId);
        assertThat(json.readTree((byte[]) amended.get("payload"))
                        .at("/share/subdivision")
                        .asText())
                .isEqualTo("HN-AT");
        verifyEverything();
    }

    @Test
    void anAttackCorrectedToNameAConsentedDefenderIsSharedFromThen() throws Exception {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        String code = Defenders.registeredWithConsent(registrar, coordinator, "HN", "statistics");
        String attackId = registrar
                .postJson("/api/attacks", Fixtures.attack().place("HN", "HN-CR").json())
                .json()
                .get("attackId")
                .asText();

        String naming = Fixtures.attack().defenders(code).place("HN", "HN-CR").facts();
        assertThat(registrar
                        .postJson(
                                "/api/attacks/" + attackId + "/corrections",
                                "{\"facts\":" + naming + ",\"reason\":\"defender identified\"}")
                        .status())
                .isEqualTo(204);

        Map<String, Object> shared = awaitEntry(LeafKind.SHARED, attackId);
        assertThat(json.readTree((byte[]) shared.get("payload")).get("scope").asText())
                .isEqualTo("statistics");
        List<String> defenders = jdbc.queryForObject(
                "SELECT defenders FROM federation_attack WHERE attack_id = ?::uuid",
                (rs, n) -> List.of((String[]) rs.getArray(1).getArray()),
                attackId);
        assertThat(defenders).containsExactly(code);
    }

    /** An auditor with nothing but HTTP and the ledger: the key, the latest checkpoint, the entries. */
    private void verifyAsAnAuditorOverHttp() throws Exception {
        Http auditor = TestUsers.http(node, port, "auditor");
        NoteVerifierKey key = NoteVerifierKey.parse(
                auditor.get("/api/federation/log/key").body().strip());
        assertThat(key).isEqualTo(identity.signer().verifierKey());
        String note = auditor.get("/api/federation/log/checkpoint").body();
        Checkpoint checkpoint = Checkpoint.fromVerified(
                new NoteVerifier(List.of(key)).verify(SignedNote.parse(note.getBytes(StandardCharsets.UTF_8))));
        List<byte[]> leafHashes = new ArrayList<>();
        for (JsonNode entry :
                auditor.get("/api/federation/log/entries?from=0&count=1000").json()) {
            leafHashes.add(org.tejido.ledger.merkle.MerkleHash.leaf(
                    java.util.Base64.getDecoder().decode(entry.get("leaf").asText())));
        }
        assertThat(leafHashes.size()).isGreaterThanOrEqualTo((int) checkpoint.size());
        assertThat(checkpoint.rootHash()).isEqualTo(MerkleTree.root(leafHashes.subList(0, (int) checkpoint.size())));
        assertThat(TestUsers.http(node, port, "registrar")
                        .get("/api/federation/log/entries")
                        .status())
                .isEqualTo(403);
    }

    /** What an auditor holding only the node's public key can check. */
    private void verifyEverything() throws Exception {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT log_index, leaf, leaf_hash, payload, salt FROM federation_entry ORDER BY log_index");
        List<byte[]> encoded = new ArrayList<>();
        List<byte[]> leafHashes = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            byte[] leafBytes = (byte[]) row.get("leaf");
            LeafV1 leaf = LeafCodec.decode(leafBytes);
            assertThat(leaf.origin()).isEqualTo(identity.origin());
            assertThat(leaf.index()).isEqualTo((Long) row.get("log_index"));
            byte[] payload = (byte[]) row.get("payload");
            byte[] salt = (byte[]) row.get("salt");
            if (payload != null && salt != null) {
                assertThat(Commitment.matches(leaf.commitment(), salt, payload)).isTrue();
            }
            encoded.add(leafBytes);
            leafHashes.add((byte[]) row.get("leaf_hash"));
            assertThat(LeafCodec.leafHash(leaf)).isEqualTo(row.get("leaf_hash"));
        }
        ChainResult chain = new LogChain(identity.origin()).check(ChainTip.empty(), encoded);
        assertThat(chain).isInstanceOf(ChainResult.Accepted.class);

        NoteVerifier verifier = new NoteVerifier(List.of(identity.signer().verifierKey()));
        for (Map<String, Object> row : jdbc.queryForList("SELECT tree_size, note FROM federation_checkpoint")) {
            VerifiedNote verified =
                    verifier.verify(SignedNote.parse(((String) row.get("note")).getBytes(StandardCharsets.UTF_8)));
            Checkpoint checkpoint = Checkpoint.fromVerified(verified);
            int size = ((Long) row.get("tree_size")).intValue();
            assertThat(checkpoint.origin()).isEqualTo(identity.origin());
            assertThat(checkpoint.size()).isEqualTo(size);
            assertThat(checkpoint.rootHash()).isEqualTo(MerkleTree.root(leafHashes.subList(0, size)));
        }
    }

    private Object targetOf(String attackId) {
        List<Object> found = jdbc.queryForList(
                "SELECT target_id FROM federation_attack WHERE attack_id = ?::uuid AND shared_hash IS NOT NULL",
                Object.class,
                attackId);
        List<Long> entries = jdbc.queryForList(
                "SELECT e.log_index FROM federation_entry e JOIN federation_attack a ON a.target_id = e.target_id"
                        + " WHERE a.attack_id = ?::uuid",
                Long.class,
                attackId);
        return found.isEmpty() && entries.isEmpty() ? null : found;
    }

    private Map<String, Object> awaitEntry(LeafKind kind, String attackId) {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] found = new Map[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT e.* FROM federation_entry e JOIN federation_attack a ON a.target_id = e.target_id"
                            + " WHERE a.attack_id = ?::uuid AND e.kind = ? ORDER BY e.log_index DESC",
                    attackId,
                    kind.code());
            if (rows.isEmpty()) {
                return false;
            }
            found[0] = rows.get(0);
            return true;
        });
        return found[0];
    }
}
