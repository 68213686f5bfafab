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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.merkle.CompactRange;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteVerifier;
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
    private final CompactRange range = new CompactRange();
    private final Set<UUID> sharedTargets = new HashSet<>();
    private final Map<UUID, List<Long>> contentByTarget = new HashMap<>();
    private String checkpointNote = "";
    // The key in force after a rotation; until then, the key the origin was enrolled with.
    private String rotatedKey;
    private String cosignatureNote = "";

    protected OriginLedger() {}

    /** The leaf hashes stored so far, as a fixed-size view (the list only grows): no copy per batch. */
    private List<byte[]> hashesSoFar() {
        int size = leafHashes.size();
        return new java.util.AbstractList<>() {
            @Override
            public byte[] get(int index) {
                java.util.Objects.checkIndex(index, size);
                return leafHashes.get(index).bytes();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

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
    record Decision(
            BatchOutcome outcome,
            List<BatchOutcome.Content> newContent,
            List<Long> deletedContent,
            boolean equivocation) {
        Decision(BatchOutcome outcome, List<BatchOutcome.Content> newContent, List<Long> deletedContent) {
            this(outcome, newContent, deletedContent, false);
        }

        static Decision only(BatchOutcome outcome) {
            return new Decision(outcome, List.of(), List.of());
        }

        Decision withEquivocation() {
            return new Decision(outcome, newContent, deletedContent, true);
        }
    }

    Decision accept(AuthenticatedBatch command, Cosigner witness, Instant now) {
        OriginLog stored = new OriginLog(command.origin(), hashesSoFar(), range.copy());
        BatchVerifier verifier = new BatchVerifier(enrolledKey(rotatedKey != null ? rotatedKey : command.logKey()));
        Verdict verdict = verifier.verify(stored, command.batch());
        if (verdict instanceof Verdict.Accepted accepted) {
            return store(command, accepted, witness, now);
        }
        if (verdict instanceof Verdict.Refused refused) {
            return refuse(command, refused.reason(), refused.detail());
        }
        if (verdict instanceof Verdict.Forked forked) {
            Decision refusal = refuse(command, forked.reason(), forked.detail());
            apply(new EquivocationDetectedEvent(
                    command.origin(),
                    checkpointNote,
                    forked.conflictingNote(),
                    forked.detail(),
                    forked.heldRoot(),
                    forked.consistencyProof()));
            return refusal.withEquivocation();
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

    private Decision refuse(AuthenticatedBatch command, Refusal reason, String detail) {
        List<IncomingEntry> entries = command.batch().incoming().entries();
        long firstIndex = entries.isEmpty() ? -1 : claimedIndex(entries.get(0).leaf());
        apply(new BatchRefusedEvent(
                command.origin(), reason.name(), detail, firstIndex, entries.size(), command.callerFingerprint()));
        return Decision.only(new BatchOutcome.Refused(reason, detail, leafHashes.size()));
    }

    private Decision store(AuthenticatedBatch command, Verdict.Accepted accepted, Cosigner witness, Instant now) {
        // A retraction must name a record this origin shared: earlier, or earlier in this batch.
        Set<UUID> sharedHere = new HashSet<>();
        for (int i = 0; i < accepted.leaves().size(); i++) {
            LeafV1 leaf = accepted.leaves().get(i);
            UUID target = leaf.targetUuid();
            if (isRetraction(leaf.kind()) && !sharedTargets.contains(target) && !sharedHere.contains(target)) {
                return refuse(command, Refusal.UNKNOWN_TARGET, "entry " + i + ": retraction of a record never shared");
            }
            if (isShare(leaf.kind())) {
                sharedHere.add(target);
            }
        }

        String note = accepted.checkpointNote();
        Optional<LogKeyRotatedEvent> rotation;
        try {
            rotation = rotation(command, accepted, note);
        } catch (RotationRefused refused) {
            return refuse(command, refused.reason, refused.getMessage());
        }
        String cosignature;
        try {
            cosignature = witness.cosign(SignedNote.parse(note).text(), now.getEpochSecond())
                    .formatLine();
        } catch (NoteException e) {
            throw new IllegalStateException("a verified checkpoint must parse again", e);
        }

        List<BatchOutcome.Content> newContent = new ArrayList<>();
        List<PayloadDeletedEvent> deletions = new ArrayList<>();
        List<EntriesStoredEvent.StoredEntry> stored = new ArrayList<>();
        // Content indices per record as they stand within this batch, without copying the whole map.
        Map<UUID, List<Long>> addedHere = new HashMap<>();
        Set<UUID> retractedHere = new HashSet<>();
        for (int i = 0; i < accepted.leaves().size(); i++) {
            LeafV1 leaf = accepted.leaves().get(i);
            IncomingEntry entry = command.batch().incoming().entries().get(i);
            UUID target = leaf.targetUuid();
            boolean withContent = keepsContent(leaf, entry);
            if (isRetraction(leaf.kind())) {
                List<Long> indices = new ArrayList<>();
                if (retractedHere.add(target)) {
                    indices.addAll(contentByTarget.getOrDefault(target, List.of()));
                }
                indices.addAll(addedHere.getOrDefault(target, List.of()));
                addedHere.remove(target);
                for (Long index : indices) {
                    deletions.add(new PayloadDeletedEvent(command.origin(), index, target, leaf.index()));
                }
            }
            stored.add(
                    new EntriesStoredEvent.StoredEntry(entry.leaf(), leaf.kind().name(), target, withContent));
            if (withContent) {
                addedHere.computeIfAbsent(target, t -> new ArrayList<>()).add(leaf.index());
                newContent.add(new BatchOutcome.Content(
                        leaf.index(),
                        target,
                        leaf.kind().code(),
                        entry.payload(),
                        entry.salt(),
                        accepted.scopes().get(i)));
            }
        }
        long firstIndex = accepted.leaves().get(0).index();
        apply(new EntriesStoredEvent(command.origin(), firstIndex, stored));
        // Deleted after the batch that retracts them is stored: content kept and retracted in one batch
        // is never kept at all.
        List<Long> deleted = deletions.stream().map(PayloadDeletedEvent::index).toList();
        newContent.removeIf(c -> deleted.contains(c.index()));
        deletions.forEach(AggregateLifecycle::apply);
        rotation.ifPresent(AggregateLifecycle::apply);
        apply(new CheckpointCosignedEvent(command.origin(), leafHashes.size(), note, cosignature, now));
        return new Decision(stored(), newContent, deleted);
    }

    private BatchOutcome.Stored stored() {
        return new BatchOutcome.Stored(leafHashes.size(), checkpointNote, cosignatureNote);
    }

    @EventSourcingHandler
    void on(EntriesStoredEvent event) {
        origin = event.origin();
        long index = event.firstIndex();
        for (EntriesStoredEvent.StoredEntry entry : event.entries()) {
            byte[] hash = MerkleHash.leaf(entry.leaf());
            leafHashes.add(new LeafHash(hash));
            range.append(hash);
            if (isShare(LeafKind.valueOf(entry.kind()))) {
                sharedTargets.add(entry.targetId());
            }
            if (entry.withContent()) {
                contentByTarget
                        .computeIfAbsent(entry.targetId(), t -> new ArrayList<>())
                        .add(index);
            }
            index++;
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
    void on(LogKeyRotatedEvent event) {
        rotatedKey = event.newKey();
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

    /**
     * The batch's key rotation, if it has one: its content must be a verifier key of this origin, and the
     * batch's checkpoint must also be signed by that new key (proof that the node holds it), besides the
     * key in force (already checked by the verifier). The last rotation of a batch wins.
     */
    private Optional<LogKeyRotatedEvent> rotation(AuthenticatedBatch command, Verdict.Accepted accepted, String note)
            throws RotationRefused {
        LogKeyRotatedEvent found = null;
        for (int i = 0; i < accepted.leaves().size(); i++) {
            LeafV1 leaf = accepted.leaves().get(i);
            if (leaf.kind() != LeafKind.KEY_ROTATION) {
                continue;
            }
            byte[] payload = command.batch().incoming().entries().get(i).payload();
            NoteVerifierKey key;
            try {
                key = NoteVerifierKey.parse(
                        new String(payload == null ? new byte[0] : payload, StandardCharsets.UTF_8));
            } catch (NoteException e) {
                throw new RotationRefused(
                        Refusal.BATCH_MALFORMED, "entry " + i + ": key rotation without a verifier key");
            }
            if (!key.name().equals(command.origin())) {
                throw new RotationRefused(
                        Refusal.ORIGIN_MISMATCH, "entry " + i + ": the new key is not named for the origin");
            }
            try {
                new NoteVerifier(List.of(key)).verify(SignedNote.parse(note));
            } catch (NoteException e) {
                throw new RotationRefused(
                        Refusal.SIGNATURE_INVALID, "entry " + i + ": key rotation not signed by the new key");
            }
            found = new LogKeyRotatedEvent(command.origin(), leaf.index(), key.format());
        }
        return Optional.ofNullable(found);
    }

    private static final class RotationRefused extends Exception {
        private final Refusal reason;

        RotationRefused(Refusal reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private static NoteVerifierKey enrolledKey(String text) {
        try {
            return NoteVerifierKey.parse(text);
        } catch (NoteException e) {
            throw new IllegalStateException(
                    "the enrolled log key no longer parses: " + e.failure().code(), e);
        }
    }

    /** Only shares carry content worth keeping; a retraction's commitment is over nothing. */
    static boolean keepsContent(LeafV1 leaf, IncomingEntry entry) {
        return isShare(leaf.kind()) && entry.salt() != null && entry.salt().length > 0;
    }

    static boolean isShare(LeafKind kind) {
        return kind == LeafKind.SHARED || kind == LeafKind.AMENDED;
    }

    private static boolean isRetraction(LeafKind kind) {
        return kind == LeafKind.CONSENT_REVOKED || kind == LeafKind.ERASURE_DONE;
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
