package org.tejido.regional.intake;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;

/**
 * One origin's log as the aggregator holds it: every leaf hash (so it recomputes roots itself), which
 * records were shared and which entries still have content beside them, and the last cosigned
 * checkpoint. Batches are verified against this state by {@link BatchVerifier}; refusals are kept as
 * events too, so that the record of attempts is as durable as the log.
 */
@Aggregate(cache = "originLedgerCache")
public class OriginLedger {
    @AggregateIdentifier
    private String origin;

    private final List<LeafHash> leafHashes = new ArrayList<>();
    private final Set<UUID> sharedTargets = new HashSet<>();
    private final Map<UUID, List<Long>> contentByTarget = new HashMap<>();
    private String checkpointNote = "";
    private String cosignatureNote = "";

    protected OriginLedger() {}

    /** A leaf hash compared by content, so that the state of two ledgers can be compared. */
    private record LeafHash(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof LeafHash hash && java.util.Arrays.equals(bytes, hash.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    /** What the command handler must do beside the events: content to keep, content to delete. */
    record Decision(BatchOutcome outcome, List<BatchOutcome.Content> newContent, List<Long> deletedContent) {
        static Decision only(BatchOutcome outcome) {
            return new Decision(outcome, List.of(), List.of());
        }
    }

    Decision accept(AcceptBatchCommand command, Cosigner witness, Instant now) {
        OriginLog stored = new OriginLog(
                command.origin(), leafHashes.stream().map(LeafHash::bytes).toList());
        BatchVerifier verifier = new BatchVerifier(enrolledKey(command.logKey()));
        Verdict verdict = verifier.verify(stored, command.batch());
        if (verdict instanceof Verdict.Accepted accepted) {
            return store(command, accepted, witness, now);
        }
        if (verdict instanceof Verdict.Refused refused) {
            return refuse(command, refused.reason(), refused.detail());
        }
        return Decision.only(stored());
    }

    void recordRefusal(RecordRefusedCallCommand command) {
        apply(new BatchRefusedEvent(
                command.origin(),
                command.reason().name(),
                command.detail(),
                command.firstIndex(),
                command.entries(),
                command.callerFingerprint()));
    }

    private Decision refuse(AcceptBatchCommand command, Refusal reason, String detail) {
        List<IncomingEntry> entries = command.batch().entries();
        long firstIndex = entries.isEmpty() ? -1 : claimedIndex(entries.get(0).leaf());
        apply(new BatchRefusedEvent(
                command.origin(), reason.name(), detail, firstIndex, entries.size(), command.callerFingerprint()));
        if (reason == Refusal.INCONSISTENT_CHECKPOINT) {
            apply(new EquivocationDetectedEvent(
                    command.origin(),
                    checkpointNote,
                    new String(command.batch().checkpointNote(), StandardCharsets.UTF_8),
                    detail));
        }
        return Decision.only(new BatchOutcome.Refused(reason, detail, leafHashes.size()));
    }

    private Decision store(AcceptBatchCommand command, Verdict.Accepted accepted, Cosigner witness, Instant now) {
        // A retraction must name a record this origin shared: earlier, or earlier in this batch.
        Set<UUID> known = new HashSet<>(sharedTargets);
        for (int i = 0; i < accepted.leaves().size(); i++) {
            LeafV1 leaf = accepted.leaves().get(i);
            UUID target = uuid(leaf.targetId());
            if (isRetraction(leaf.kind()) && !known.contains(target)) {
                return refuse(command, Refusal.UNKNOWN_TARGET, "entry " + i + ": retraction of a record never shared");
            }
            if (isShare(leaf.kind())) {
                known.add(target);
            }
        }

        String note = accepted.checkpointNote();
        String cosignature;
        try {
            cosignature = witness.cosign(SignedNote.parse(note).text(), now.getEpochSecond())
                    .formatLine();
        } catch (NoteException e) {
            throw new IllegalStateException("a verified checkpoint must parse again", e);
        }

        List<BatchOutcome.Content> newContent = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        for (int i = 0; i < accepted.leaves().size(); i++) {
            LeafV1 leaf = accepted.leaves().get(i);
            IncomingEntry entry = command.batch().entries().get(i);
            UUID target = uuid(leaf.targetId());
            // Only shares carry content worth keeping; a retraction's commitment is over nothing.
            boolean withContent = isShare(leaf.kind()) && entry.salt() != null && entry.salt().length > 0;
            if (isRetraction(leaf.kind())) {
                for (Long index : List.copyOf(contentByTarget.getOrDefault(target, List.of()))) {
                    apply(new PayloadDeletedEvent(command.origin(), index, target, leaf.index()));
                    deleted.add(index);
                }
            }
            apply(new LogEntryStoredEvent(
                    command.origin(), leaf.index(), entry.leaf(), leaf.kind().name(), target, withContent));
            if (withContent) {
                newContent.add(new BatchOutcome.Content(
                        leaf.index(), target, leaf.kind().code(), entry.payload(), entry.salt()));
            }
        }
        apply(new CheckpointCosignedEvent(command.origin(), leafHashes.size(), note, cosignature, now));
        return new Decision(stored(), newContent, deleted);
    }

    private BatchOutcome.Stored stored() {
        return new BatchOutcome.Stored(leafHashes.size(), checkpointNote, cosignatureNote);
    }

    @EventSourcingHandler
    void on(LogEntryStoredEvent event) {
        origin = event.origin();
        leafHashes.add(new LeafHash(MerkleHash.leaf(event.leaf())));
        LeafKind kind = LeafKind.valueOf(event.kind());
        if (isShare(kind)) {
            sharedTargets.add(event.targetId());
        }
        if (event.withContent()) {
            contentByTarget
                    .computeIfAbsent(event.targetId(), t -> new ArrayList<>())
                    .add(event.index());
        }
    }

    @EventSourcingHandler
    void on(PayloadDeletedEvent event) {
        List<Long> indices = contentByTarget.get(event.targetId());
        if (indices != null) {
            indices.remove(Long.valueOf(event.index()));
            if (indices.isEmpty()) {
                contentByTarget.remove(event.targetId());
            }
        }
    }

    @EventSourcingHandler
    void on(CheckpointCosignedEvent event) {
        checkpointNote = event.checkpointNote();
        cosignatureNote = event.cosignatureNote();
    }

    @EventSourcingHandler
    void on(BatchRefusedEvent event) {
        origin = event.origin();
    }

    private static NoteVerifierKey enrolledKey(String text) {
        try {
            return NoteVerifierKey.parse(text);
        } catch (NoteException e) {
            throw new IllegalStateException(
                    "the enrolled log key no longer parses: " + e.failure().code(), e);
        }
    }

    private static boolean isShare(LeafKind kind) {
        return kind == LeafKind.SHARED || kind == LeafKind.AMENDED;
    }

    private static boolean isRetraction(LeafKind kind) {
        return kind == LeafKind.CONSENT_REVOKED || kind == LeafKind.ERASURE_DONE;
    }

    private static UUID uuid(byte[] id) {
        ByteBuffer buffer = ByteBuffer.wrap(id);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** The index a refused batch claimed, for the record; -1 when its first leaf is too short to say. */
    private static long claimedIndex(byte[] leaf) {
        // Version byte, then the origin length (2 bytes), the origin, then the 8-byte index.
        if (leaf == null || leaf.length < 3) {
            return -1;
        }
        int originLength = ((leaf[1] & 0xFF) << 8) | (leaf[2] & 0xFF);
        int at = 3 + originLength;
        return leaf.length >= at + 8 ? ByteBuffer.wrap(leaf, at, 8).getLong() : -1;
    }
}
