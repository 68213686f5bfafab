package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.instanceOf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.ledger.note.SignedNote;

/** The aggregator's ledger of one origin: what it stores, deletes, cosigns and keeps as evidence. */
class OriginLedgerTest {
    private static final String ORIGIN = "mx.example.org/MX/v1";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String CALLER = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dataDir;

    private final TestLog node = new TestLog(ORIGIN, 1).append(4, "a");
    private final RecordingStore store = new RecordingStore();
    private AggregateTestFixture<OriginLedger> fixture;
    private Witness witness;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OriginLedger.class);
        witness = new Witness("regional.example.org/witness", dataDir);
        fixture.registerAnnotatedCommandHandler(new BatchIntake(
                fixture.getRepository(), store, witness, Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry()));
    }

    @Test
    void aValidFirstBatchIsStoredCosignedAndItsContentKeptBesideTheLog() {
        fixture.givenNoPriorActivity()
                .when(accept(node.batch(0, 4)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(sequence(EntriesStoredEvent.class, CheckpointCosignedEvent.class))
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Stored.class));

        BatchOutcome.Stored state = store.states.get(ORIGIN);
        assertThat(state.storedSize()).isEqualTo(4);
        assertThat(state.checkpointNote()).isEqualTo(new String(node.checkpoint(4), StandardCharsets.UTF_8));
        assertThat(store.content.keySet()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(store.content.values()).allSatisfy(c -> assertThat(c.scope()).isEqualTo("statistics"));
        assertThat(cosignatureTime(state)).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void aRetractionDeletesTheRecordsContentButStoresItsLeaf() throws Exception {
        node.append(1, "b", org.tejido.ledger.leaf.LeafKind.SHARED, 9).retract(7);

        fixture.given(storedEvents(0, 4))
                .when(accept(node.batch(4, 6)))
                .expectEventsMatching(sequence(
                        EntriesStoredEvent.class,
                        PayloadDeletedEvent.class,
                        PayloadDeletedEvent.class,
                        PayloadDeletedEvent.class,
                        PayloadDeletedEvent.class,
                        CheckpointCosignedEvent.class));

        assertThat(store.deleted).containsExactly(0L, 1L, 2L, 3L);
        assertThat(store.content.keySet()).containsExactly(4L);
        assertThat(store.states.get(ORIGIN).storedSize()).isEqualTo(6);
    }

    @Test
    void batchesThatArrivedTogetherAreStoredInOrderAndALaterRetractionDeletesContentKeptByAnEarlierOne() {
        node.append(1, "b", org.tejido.ledger.leaf.LeafKind.SHARED, 9).retract(7);

        fixture.givenNoPriorActivity()
                .when(accept(node.batch(0, 4), node.batch(4, 6)))
                .expectEventsMatching(sequence(
                        EntriesStoredEvent.class,
                        CheckpointCosignedEvent.class,
                        EntriesStoredEvent.class,
                        PayloadDeletedEvent.class,
                        PayloadDeletedEvent.class,
                        PayloadDeletedEvent.class,
                        PayloadDeletedEvent.class,
                        CheckpointCosignedEvent.class))
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Stored.class));

        assertThat(store.deleted).containsExactly(0L, 1L, 2L, 3L);
        assertThat(store.content.keySet()).containsExactly(4L);
        assertThat(store.states.get(ORIGIN).storedSize()).isEqualTo(6);
    }

    @Test
    void aRefusedBatchEndsTheCommandAndTheBatchesBeforeItStayStored() {
        node.append(2, "b");
        TestLog impostor = new TestLog(ORIGIN, 2);
        IncomingBatch forged =
                new IncomingBatch(ORIGIN, node.entries.subList(4, 5), node.checkpoint(5, impostor.signer), List.of());

        fixture.givenNoPriorActivity()
                .when(accept(node.batch(0, 4), forged, node.batch(4, 6)))
                .expectEventsMatching(
                        sequence(EntriesStoredEvent.class, CheckpointCosignedEvent.class, BatchRefusedEvent.class))
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Refused.class));

        assertThat(store.states.get(ORIGIN).storedSize()).isEqualTo(4);
        assertThat(store.content.keySet()).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aRetractionOfARecordNeverSharedIsRefusedAndNothingIsStored() throws Exception {
        node.retract(42);

        fixture.given(storedEvents(0, 4))
                .when(accept(node.batch(4, 5)))
                .expectEvents(new BatchRefusedEvent(
                        ORIGIN, "UNKNOWN_TARGET", "entry 0: retraction of a record never shared", 4, 1, CALLER))
                .expectResultMessagePayload(new BatchOutcome.Refused(
                        Refusal.UNKNOWN_TARGET, "entry 0: retraction of a record never shared", 4));
        assertThat(store.states).isEmpty();
        assertThat(store.content).isEmpty();
    }

    @Test
    void aBatchSignedByAnotherKeyIsKeptAsARefusal() {
        TestLog impostor = new TestLog(ORIGIN, 2);
        IncomingBatch batch =
                new IncomingBatch(ORIGIN, node.entries.subList(0, 4), node.checkpoint(4, impostor.signer), List.of());

        fixture.givenNoPriorActivity().when(accept(batch)).expectEventsMatching(sequence(BatchRefusedEvent.class));
        assertThat(store.states).isEmpty();
    }

    @Test
    void aForkSignedByTheNodeIsKeptAsEquivocationEvidenceWithBothNotes() throws Exception {
        TestLog fork = new TestLog(ORIGIN, 1).append(4, "fork");

        fixture.given(storedEvents(0, 4))
                .when(accept(fork.batch(0, 4)))
                .expectEventsMatching(sequence(BatchRefusedEvent.class, EquivocationDetectedEvent.class))
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Refused.class));
        assertThat(store.equivocations).containsEntry(ORIGIN, NOW);
    }

    @Test
    void aWrongConsistencyProofIsRefusedWithoutEvidenceAndTheOriginIsNotFlagged() throws Exception {
        TestLog longer = new TestLog(ORIGIN, 1).append(4, "a").append(2, "b");
        List<byte[]> proof =
                new ArrayList<>(org.tejido.ledger.merkle.MerkleTree.consistencyProof(longer.leafHashes, 4));
        proof.add(proof.get(0));
        IncomingBatch batch = new IncomingBatch(ORIGIN, longer.entries.subList(4, 6), longer.checkpoint(6), proof);

        fixture.given(storedEvents(0, 4))
                .when(accept(batch))
                .expectEventsMatching(sequence(BatchRefusedEvent.class))
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Refused.class));
        assertThat(store.equivocations).isEmpty();
    }

    @Test
    void aResendOfStoredEntriesChangesNothing() throws Exception {
        fixture.given(storedEvents(0, 4))
                .when(accept(node.batch(2, 4)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Stored.class));
    }

    @Test
    void aCallRefusedBeforeVerificationIsKeptOnTheCallersLedger() {
        fixture.givenNoPriorActivity()
                .when(new RecordRefusedCallCommand(
                        ORIGIN, Refusal.ORIGIN_NOT_AUTHORIZED, "caller is not enrolled for origin x", -1, 3, CALLER))
                .expectEvents(new BatchRefusedEvent(
                        ORIGIN, "ORIGIN_NOT_AUTHORIZED", "caller is not enrolled for origin x", -1, 3, CALLER));
    }

    @Test
    void aKeyRotationSignedByBothKeysMakesTheNewKeyTheOnlyOneAccepted() throws Exception {
        NoteSigner next = new NoteSigner(ORIGIN, nextKey());
        node.rotate(next).append(2, "after");
        IncomingBatch rotation = new IncomingBatch(
                ORIGIN, node.entries.subList(4, 5), node.checkpointSignedBy(5, node.signer, next), List.of());

        fixture.given(storedEvents(0, 4))
                .when(accept(rotation))
                .expectEventsMatching(
                        sequence(EntriesStoredEvent.class, LogKeyRotatedEvent.class, CheckpointCosignedEvent.class));

        List<Object> rotated = storedEvents(0, 4);
        rotated.add(new EntriesStoredEvent(ORIGIN, 4, List.of(storedEntry(4))));
        rotated.add(new LogKeyRotatedEvent(ORIGIN, 4, next.verifierKey().format()));
        IncomingBatch oldKeyOnly = new IncomingBatch(
                ORIGIN, node.entries.subList(5, 7), node.checkpointSignedBy(7, node.signer), List.of());
        IncomingBatch newKeyOnly =
                new IncomingBatch(ORIGIN, node.entries.subList(5, 7), node.checkpointSignedBy(7, next), List.of());
        fixture.given(rotated)
                .when(accept(oldKeyOnly))
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Refused.class))
                .expectEventsMatching(sequence(BatchRefusedEvent.class));
        fixture.given(rotated)
                .when(accept(newKeyOnly))
                .expectResultMessagePayloadMatching(instanceOf(BatchOutcome.Stored.class));
    }

    @Test
    void aKeyRotationNotSignedByTheNewKeyIsRefused() throws Exception {
        NoteSigner next = new NoteSigner(ORIGIN, nextKey());
        node.rotate(next);
        IncomingBatch rotation = new IncomingBatch(
                ORIGIN, node.entries.subList(4, 5), node.checkpointSignedBy(5, node.signer), List.of());

        fixture.given(storedEvents(0, 4))
                .when(accept(rotation))
                .expectEvents(new BatchRefusedEvent(
                        ORIGIN, "SIGNATURE_INVALID", "entry 0: key rotation not signed by the new key", 4, 1, CALLER));
    }

    private static org.tejido.ledger.crypto.Ed25519KeyPair nextKey() {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) 42);
        return org.tejido.ledger.crypto.Ed25519KeyPair.fromSeed(seed);
    }

    private EntriesStoredEvent.StoredEntry storedEntry(int i) throws Exception {
        byte[] encoded = node.entries.get(i).leaf();
        LeafV1 leaf = LeafCodec.decode(encoded);
        return new EntriesStoredEvent.StoredEntry(encoded, leaf.kind().name(), leaf.targetUuid(), false);
    }

    private AcceptBatchesCommand accept(IncomingBatch... batches) {
        return new AcceptBatchesCommand(
                ORIGIN,
                java.util.Arrays.stream(batches)
                        .map(batch -> new AuthenticatedBatch(
                                ORIGIN, node.signer.verifierKey().format(), BatchVerifier.prepare(batch, null), CALLER))
                        .toList());
    }

    private List<Object> storedEvents(int from, int to) throws Exception {
        List<Object> events = new ArrayList<>();
        List<EntriesStoredEvent.StoredEntry> entries = new ArrayList<>();
        for (int i = from; i < to; i++) {
            byte[] encoded = node.entries.get(i).leaf();
            LeafV1 leaf = LeafCodec.decode(encoded);
            entries.add(new EntriesStoredEvent.StoredEntry(encoded, leaf.kind().name(), leaf.targetUuid(), true));
        }
        events.add(new EntriesStoredEvent(ORIGIN, from, entries));
        String note = new String(node.checkpoint(to), StandardCharsets.UTF_8);
        events.add(new CheckpointCosignedEvent(ORIGIN, to, note, "", NOW));
        return events;
    }

    private long cosignatureTime(BatchOutcome.Stored state) {
        try {
            String text = SignedNote.parse(state.checkpointNote()).text();
            SignedNote cosigned = SignedNote.parse(state.checkpointNote() + state.cosignatureNote());
            return Cosigner.verify(
                    witness.cosigner().name(),
                    witness.cosigner().publicKey(),
                    text,
                    cosigned.signatures().get(cosigned.signatures().size() - 1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SafeVarargs
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> sequence(Class<?>... types) {
        Matcher[] matchers = new Matcher[types.length + 1];
        for (int i = 0; i < types.length; i++) {
            matchers[i] = instanceOf(types[i]);
        }
        matchers[types.length] = andNoMore();
        return payloadsMatching(exactSequenceOf(matchers));
    }

    /** The JDBC side of a stored batch, in memory: this is a unit test of the ledger's decisions. */
    private static final class RecordingStore implements IntakeStore {
        final Map<Long, BatchOutcome.Content> content = new HashMap<>();
        final List<Long> deleted = new ArrayList<>();
        final Map<String, BatchOutcome.Stored> states = new HashMap<>();

        @Override
        public void keepContent(String origin, List<BatchOutcome.Content> kept) {
            kept.forEach(c -> content.put(c.index(), c));
        }

        @Override
        public void deleteContent(String origin, List<Long> indices) {
            deleted.addAll(indices);
            indices.forEach(content::remove);
        }

        final Map<String, Instant> equivocations = new HashMap<>();

        @Override
        public void updateState(String origin, BatchOutcome.Stored stored) {
            states.put(origin, stored);
        }

        @Override
        public void flagEquivocation(String origin, Instant at) {
            equivocations.putIfAbsent(origin, at);
        }
    }
}
