package org.tejido.national.push;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.GetLogStateResponse;
import org.tejido.federation.v1.LogBatch;
import org.tejido.federation.v1.PushLogRequest;
import org.tejido.federation.v1.PushLogResponse;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;
import org.tejido.regional.intake.BatchVerifier;
import org.tejido.regional.intake.IncomingBatch;
import org.tejido.regional.intake.IncomingEntry;
import org.tejido.regional.intake.OriginLog;
import org.tejido.regional.intake.Verdict;

/**
 * A test-only aggregator for one enrolled origin: every batch goes through the real
 * {@link BatchVerifier}; what it accepts is kept in memory and cosigned by a witness key; refusals are
 * gRPC errors with the protocol's ErrorInfo. Faults can be injected: end a stream with UNAVAILABLE after
 * storing some batches (a crash that lost the end of the stream), or lose the tail of the stored log
 * (a restore from an older backup).
 */
final class FakeAggregator extends FederationServiceGrpc.FederationServiceImplBase {
    final NoteSigner witness = new NoteSigner("witness.example.org", Ed25519KeyPair.fromSeed(new byte[32]));
    final AtomicInteger streams = new AtomicInteger();
    final AtomicInteger batchesAccepted = new AtomicInteger();
    final AtomicInteger resends = new AtomicInteger();
    final AtomicInteger proofsReceived = new AtomicInteger();

    private final String origin;
    private final BatchVerifier verifier;
    private OriginLog stored;
    private final List<byte[]> leaves = new ArrayList<>();
    private final List<IncomingEntry> contents = new ArrayList<>();
    private final Map<Long, String> notes = new HashMap<>();
    private int failAfterStoring = -1;
    private Runnable onNextBatch;

    FakeAggregator(String origin, NoteVerifierKey enrolledKey) {
        this.origin = origin;
        this.verifier = new BatchVerifier(enrolledKey);
        this.stored = OriginLog.empty(origin);
    }

    static FakeAggregator enrolling(MemoryLog log) {
        return new FakeAggregator(log.origin, log.signer.verifierKey());
    }

    /** The next stream ends with UNAVAILABLE right after storing {@code batches} batches. */
    synchronized FakeAggregator failNextStreamAfterStoring(int batches) {
        this.failAfterStoring = batches;
        return this;
    }

    /** Runs once, when the next batch arrives and before it is verified. */
    synchronized FakeAggregator onNextBatch(Runnable action) {
        this.onNextBatch = action;
        return this;
    }

    /** Forgets everything after {@code size} (a size it accepted a checkpoint of). */
    synchronized void loseTailAfter(int size) {
        stored = new OriginLog(origin, stored.leafHashes().subList(0, size));
        leaves.subList(size, leaves.size()).clear();
        contents.subList(size, contents.size()).clear();
    }

    synchronized long storedSize() {
        return stored.size();
    }

    synchronized List<byte[]> leaves() {
        return List.copyOf(leaves);
    }

    synchronized List<IncomingEntry> contents() {
        return List.copyOf(contents);
    }

    @Override
    public void getLogState(GetLogStateRequest request, StreamObserver<GetLogStateResponse> answer) {
        if (!origin.equals(request.getOrigin())) {
            answer.onError(refusal(Status.Code.PERMISSION_DENIED, "ORIGIN_NOT_AUTHORIZED", null, -1));
            return;
        }
        GetLogStateResponse.Builder response;
        synchronized (this) {
            response = GetLogStateResponse.newBuilder().setStoredSize(stored.size());
            if (stored.size() > 0) {
                String note = notes.get(stored.size());
                response.setCheckpointNote(utf8(note)).setCosignatureNote(utf8(cosign(note)));
            }
        }
        answer.onNext(response.build());
        answer.onCompleted();
    }

    @Override
    public StreamObserver<PushLogRequest> pushLog(StreamObserver<PushLogResponse> answer) {
        streams.incrementAndGet();
        return new StreamObserver<>() {
            private boolean ended;
            private int storedInStream;

            @Override
            public void onNext(PushLogRequest request) {
                if (ended) {
                    return;
                }
                Runnable action = takeOnNextBatch();
                if (action != null) {
                    action.run();
                }
                RuntimeException failure = receive(request.getBatch(), ++storedInStream);
                if (failure != null) {
                    ended = true;
                    answer.onError(failure);
                }
            }

            @Override
            public void onError(Throwable t) {
                ended = true;
            }

            @Override
            public void onCompleted() {
                if (ended) {
                    return;
                }
                PushLogResponse.Builder response;
                synchronized (FakeAggregator.this) {
                    response = PushLogResponse.newBuilder().setStoredSize(stored.size());
                    if (stored.size() > 0) {
                        response.setCosignatureNote(utf8(cosign(notes.get(stored.size()))));
                    }
                }
                answer.onNext(response.build());
                answer.onCompleted();
            }
        };
    }

    private synchronized Runnable takeOnNextBatch() {
        Runnable action = onNextBatch;
        onNextBatch = null;
        return action;
    }

    /** Verifies and applies one batch; a non-null result ends the stream with that error. */
    private synchronized RuntimeException receive(LogBatch batch, int position) {
        List<IncomingEntry> entries = batch.getEntriesList().stream()
                .map(e -> new IncomingEntry(
                        e.getLeaf().toByteArray(),
                        e.getPayload().toByteArray(),
                        e.getSalt().toByteArray()))
                .toList();
        if (!batch.getConsistencyProofList().isEmpty()) {
            proofsReceived.incrementAndGet();
        }
        Verdict verdict = verifier.verify(
                stored,
                new IncomingBatch(
                        batch.getOrigin(),
                        entries,
                        batch.getCheckpointNote().toByteArray(),
                        batch.getConsistencyProofList().stream()
                                .map(ByteString::toByteArray)
                                .toList()));
        if (verdict instanceof Verdict.Accepted accepted) {
            stored = accepted.log();
            entries.forEach(e -> leaves.add(e.leaf()));
            contents.addAll(entries);
            notes.put(stored.size(), accepted.checkpointNote());
            batchesAccepted.incrementAndGet();
        } else if (verdict instanceof Verdict.AlreadyStored) {
            resends.incrementAndGet();
        } else if (verdict instanceof Verdict.Refused refused) {
            Status.Code code = switch (refused.reason()) {
                case CHAIN_BROKEN, ROLLBACK, INCONSISTENT_CHECKPOINT -> Status.Code.FAILED_PRECONDITION;
                case TOO_LARGE -> Status.Code.RESOURCE_EXHAUSTED;
                default -> Status.Code.INVALID_ARGUMENT;
            };
            return refusal(code, refused.reason().name(), position - 1, stored.size());
        }
        if (failAfterStoring == position) {
            failAfterStoring = -1;
            return Status.UNAVAILABLE.withDescription("aggregator crashed").asRuntimeException();
        }
        return null;
    }

    private String cosign(String note) {
        try {
            return witness.sign(SignedNote.parse(note).text()).formatLine();
        } catch (NoteException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException refusal(Status.Code code, String reason, Integer batch, long storedSize) {
        ErrorInfo.Builder info =
                ErrorInfo.newBuilder().setDomain("federation.tejido.org").setReason(reason);
        if (storedSize >= 0) {
            info.putMetadata("stored_size", Long.toString(storedSize));
        }
        if (batch != null) {
            info.putMetadata("batch", Integer.toString(batch));
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage("refused: " + reason)
                .addDetails(Any.pack(info.build()))
                .build());
    }

    static boolean sameLeaves(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(MerkleHash.leaf(a.get(i)), MerkleHash.leaf(b.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }
}
