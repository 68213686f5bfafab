package org.tejido.regional.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;

/**
 * One national node's log pushed through an aggregator's real intake, for the tests of other regional
 * packages: each batch is signed, prepared as on arrival ({@link BatchVerifier#prepare}) and stored by
 * {@link AcceptBatchesCommand}, as {@code FederationEndpoint} does after gRPC and TLS (which
 * {@code FederationIntakeIT} covers).
 */
public final class IntakeDriver {
    private static final String CALLER = "sha256:" + "ab".repeat(32);

    private final CommandGateway commands;
    private final TestLog log;
    private int pushed;

    public IntakeDriver(ApplicationContext aggregator, String origin, int seedByte) {
        this.commands = aggregator.getBean(CommandGateway.class);
        this.log = new TestLog(origin, seedByte);
    }

    public String origin() {
        return log.origin;
    }

    /** The log's verifier key, as the node's operator gives it for enrollment. */
    public String logKey() {
        return log.signer.verifierKey().format();
    }

    /** The id, in {@code regional_payload}, of the record that entries about {@code target} name. */
    public static UUID recordId(int target) {
        byte[] id = TestLog.filled(16, target);
        return UUID.fromString(String.format(
                "%s-%s-%s-%s-%s", hex(id, 0, 4), hex(id, 4, 6), hex(id, 6, 8), hex(id, 8, 10), hex(id, 10, 16)));
    }

    /** A share of the record {@code target}; the content is {@code content}'s text (JSON). */
    public IntakeDriver share(int target, Object content) {
        log.appendEntry(LeafKind.SHARED, target, content.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public IntakeDriver amend(int target, Object content) {
        log.appendEntry(LeafKind.AMENDED, target, content.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The node's consent was revoked: a retraction of every entry about the record. */
    public IntakeDriver revoke(int target) {
        log.appendEntry(LeafKind.CONSENT_REVOKED, target, new byte[0]);
        return this;
    }

    /** A share of the record {@code record}, for logs of more records than an int target names. */
    public IntakeDriver share(UUID record, Object content) {
        log.appendEntry(LeafKind.SHARED, record, content.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public IntakeDriver amend(UUID record, Object content) {
        log.appendEntry(LeafKind.AMENDED, record, content.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public IntakeDriver revoke(UUID record) {
        log.appendEntry(LeafKind.CONSENT_REVOKED, record, new byte[0]);
        return this;
    }

    /** Entries appended and not pushed yet. */
    public int pending() {
        return log.entries.size() - pushed;
    }

    /**
     * Pushes the entries appended since the last push as consecutive batches of at most
     * {@link BatchVerifier#MAX_ENTRIES}, each with its own signed checkpoint, up to
     * {@link FederationEndpoint#MAX_BATCHES_PER_STREAM} in one command, as one gRPC stream brings them;
     * fails unless every batch is stored.
     */
    public BatchOutcome.Stored pushInBatches() {
        BatchOutcome.Stored stored = null;
        int size = log.entries.size();
        while (pushed < size) {
            List<AuthenticatedBatch> batches = new java.util.ArrayList<>();
            int from = pushed;
            while (from < size && batches.size() < FederationEndpoint.MAX_BATCHES_PER_STREAM) {
                int to = Math.min(size, from + BatchVerifier.MAX_ENTRIES);
                batches.add(new AuthenticatedBatch(
                        log.origin,
                        logKey(),
                        BatchVerifier.prepare(log.batch(from, to), log.signer.verifierKey()),
                        CALLER));
                from = to;
            }
            BatchOutcome outcome = commands.sendAndWait(new AcceptBatchesCommand(log.origin, batches));
            if (!(outcome instanceof BatchOutcome.Stored last) || last.storedSize() != from) {
                throw new AssertionError("batches not stored: " + outcome);
            }
            stored = last;
            pushed = from;
        }
        if (stored == null) {
            throw new IllegalStateException("nothing to push");
        }
        return stored;
    }

    /** The node erased the record's subject: a retraction too. */
    public IntakeDriver erase(int target) {
        log.appendEntry(LeafKind.ERASURE_DONE, target, new byte[0]);
        return this;
    }

    /** Pushes the entries appended since the last push as one batch; fails unless it is stored. */
    public BatchOutcome.Stored push() {
        int size = log.entries.size();
        BatchOutcome outcome = send(log.batch(pushed, size));
        if (!(outcome instanceof BatchOutcome.Stored stored)) {
            throw new AssertionError("batch not stored: " + outcome);
        }
        pushed = size;
        return stored;
    }

    /**
     * Pushes the stored entries again under a checkpoint of the same size with another root, validly
     * signed: the origin's key signed two histories. Answers the refusal (EQUIVOCATION).
     */
    public BatchOutcome.Refused pushFork() {
        byte[] otherRoot = MerkleTree.root(List.of(TestLog.filled(32, 1), TestLog.filled(32, 2)));
        byte[] note;
        try {
            note = NoteSigner.signNote(new Checkpoint(log.origin, pushed, otherRoot).toText(), List.of(log.signer))
                    .toBytes();
        } catch (NoteException e) {
            throw new IllegalStateException(e);
        }
        IncomingBatch stored = log.batch(0, pushed);
        return (BatchOutcome.Refused)
                send(new IncomingBatch(log.origin, stored.entries(), note, stored.consistencyProof()));
    }

    /**
     * Keeps share content through the intake's own store, in one transaction, as {@code BatchIntake} does
     * once a batch passed every check, but beside no pushed leaf: for content whatever the receiver's
     * allow-list accepts at the time.
     */
    public static void keep(
            ApplicationContext aggregator, String origin, long index, UUID record, String content, String scope) {
        IntakeStore store = aggregator.getBean(IntakeStore.class);
        byte[] payload = content.getBytes(StandardCharsets.UTF_8);
        new TransactionTemplate(aggregator.getBean(PlatformTransactionManager.class))
                .executeWithoutResult(s -> store.keepContent(
                        origin,
                        List.of(new BatchOutcome.Content(
                                index, record, LeafKind.SHARED.code(), payload, TestLog.filled(32, 5), scope))));
    }

    /** Deletes content through the intake's own store, in one transaction, as a retraction does. */
    public static void delete(ApplicationContext aggregator, String origin, List<Long> indices) {
        IntakeStore store = aggregator.getBean(IntakeStore.class);
        new TransactionTemplate(aggregator.getBean(PlatformTransactionManager.class))
                .executeWithoutResult(s -> store.deleteContent(origin, indices));
    }

    /**
     * The receiver's verdict on share content, by its allow-list ({@link ShareContent}, what every batch's
     * content goes through): empty when accepted, else the {@code content.*} code it is refused with.
     */
    public static java.util.Optional<String> contentViolation(String content) {
        return ShareContent.violation(LeafKind.SHARED, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The root of the log's first {@code size} entries. */
    public byte[] root(int size) {
        return log.root(size);
    }

    private BatchOutcome send(IncomingBatch batch) {
        PreparedBatch prepared = BatchVerifier.prepare(batch, log.signer.verifierKey());
        return commands.sendAndWait(new AcceptBatchesCommand(
                log.origin, List.of(new AuthenticatedBatch(log.origin, logKey(), prepared, CALLER))));
    }

    private static String hex(byte[] bytes, int from, int to) {
        return java.util.HexFormat.of().formatHex(bytes, from, to);
    }
}
