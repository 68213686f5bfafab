package org.tejido.national.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.SignedNote;
import org.tejido.national.sharing.LogIdentity;
import org.tejido.support.Defenders;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * A real node (embedded PostgreSQL) records consented attacks; its pusher, over an in-process channel,
 * brings a fake aggregator running the real BatchVerifier to exactly the node's leaves, signing and
 * keeping a checkpoint for each batch, and keeps up as the node records more.
 */
@NodeIntegrationTest
class LogPushIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LogIdentity identity;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    private InProcessAggregator aggregator;
    private LogPusher pusher;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (pusher != null) {
            pusher.stop();
        }
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void theAggregatorEndsWithExactlyTheNodesLeavesAndEachBatchHasAStoredCheckpoint() throws Exception {
        // given a node that shares three consented attacks
        String code = consentingDefender();
        recordAttacks(code, 3);
        awaitEntriesAbout(code, 3);
        FakeAggregator fake =
                new FakeAggregator(identity.origin(), identity.signer().verifierKey());
        aggregator = InProcessAggregator.running(fake);
        pusher = LogPusher.onDatabase(
                aggregator.channel(),
                identity,
                jdbc,
                transactions,
                clock,
                LogPusherTest.settings().batchSize(2).build(),
                java.util.Optional.empty(),
                new SimpleMeterRegistry());

        // when
        pusher.start();

        // then
        awaitAggregatorHoldsTheWholeLog(fake);

        // and when the node records more while the pusher runs
        recordAttacks(code, 2);
        awaitEntriesAbout(code, 5);

        // then it follows
        awaitAggregatorHoldsTheWholeLog(fake);
        assertThat(fake.resends).hasValue(0);
        everyCheckpointVerifies();
        assertThat(jdbc.queryForList("SELECT tree_size FROM federation_checkpoint WHERE tree_size = ?", Long.class, 2L))
                .as("the first batch's checkpoint is kept")
                .containsExactly(2L);
        String cosigned = jdbc.queryForObject(
                "SELECT cosigned_note FROM federation_push_state WHERE origin = ?", String.class, identity.origin());
        Checkpoint confirmed = Checkpoint.fromVerified(
                new NoteVerifier(List.of(identity.signer().verifierKey(), fake.witness.verifierKey()))
                        .verify(SignedNote.parse(cosigned.getBytes(StandardCharsets.UTF_8))));
        assertThat(confirmed.size()).isEqualTo(fake.storedSize());
    }

    private void awaitAggregatorHoldsTheWholeLog(FakeAggregator fake) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<byte[]> leaves =
                    jdbc.query("SELECT leaf FROM federation_entry ORDER BY log_index", (rs, n) -> rs.getBytes(1));
            // The fake may hold every leaf a moment before the pusher has recorded its answer.
            long recorded = jdbc
                    .query(
                            "SELECT stored_size FROM federation_push_state WHERE origin = ?",
                            (rs, n) -> rs.getLong(1),
                            identity.origin())
                    .stream()
                    .findFirst()
                    .orElse(-1L);
            return FakeAggregator.sameLeaves(fake.leaves(), leaves) && recorded == leaves.size();
        });
    }

    private void everyCheckpointVerifies() throws Exception {
        // Checkpoints first: each covers leaves that exist, so the hashes read after cover them all.
        List<String> notes = jdbc.queryForList("SELECT note FROM federation_checkpoint", String.class);
        List<byte[]> hashes =
                jdbc.query("SELECT leaf_hash FROM federation_entry ORDER BY log_index", (rs, n) -> rs.getBytes(1));
        NoteVerifier verifier = new NoteVerifier(List.of(identity.signer().verifierKey()));
        for (String note : notes) {
            Checkpoint checkpoint =
                    Checkpoint.fromVerified(verifier.verify(SignedNote.parse(note.getBytes(StandardCharsets.UTF_8))));
            assertThat(checkpoint.rootHash()).isEqualTo(MerkleTree.root(hashes.subList(0, (int) checkpoint.size())));
        }
    }

    private String consentingDefender() {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        return Defenders.registeredWithConsent(registrar, coordinator, "HN", "statistics");
    }

    private void recordAttacks(String code, int n) {
        Http registrar = TestUsers.http(node, port, "registrar");
        for (int i = 0; i < n; i++) {
            var response = registrar.postJson(
                    "/api/attacks",
                    Fixtures.attack().defenders(code).place("HN", "HN-CR").json());
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
    }

    private void awaitEntriesAbout(String code, int n) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM federation_entry e JOIN federation_attack a"
                                        + " ON a.target_id = e.target_id WHERE ? = ANY (a.defenders)",
                                Long.class,
                                code)
                        >= n);
    }
}
