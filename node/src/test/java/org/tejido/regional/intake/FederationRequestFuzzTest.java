package org.tejido.regional.intake;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.LogBatch;
import org.tejido.federation.v1.PushLogRequest;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.note.NoteVerifierKey;

/**
 * Fuzzes what the aggregator does with a federation request's bytes before it looks at any stored log
 * (docs/fuzzing.md): the endpoint's own strict request marshallers ({@link Decoded}) answer a message or
 * a malformed verdict and never throw; the protobuf messages survive {@code parse(toByteArray())}; and
 * {@link BatchVerifier#prepare} (limits, leaves, checkpoint note, signature with a fixed enrolled key)
 * answers {@code Ready} or {@code Refused}, never an exception. Also {@link ShareScope}, which reads a
 * share's JSON from the same batches. Seeds: requests written by deploy/fuzz/seeds.py.
 */
class FederationRequestFuzzTest {

    private static final NoteVerifierKey ENROLLED = NoteVerifierKey.of(
            "mx.example.org/MX/v1", Ed25519KeyPair.fromSeed(filled(7)).publicKey());

    private static final ServerServiceDefinition SERVICE = new FederationEndpoint(null, null, null).bindService();

    @SuppressWarnings("unchecked")
    private static final MethodDescriptor<Decoded<PushLogRequest>, ?> PUSH =
            (MethodDescriptor<Decoded<PushLogRequest>, ?>)
                    SERVICE.getMethod(FederationServiceGrpc.getPushLogMethod().getFullMethodName())
                            .getMethodDescriptor();

    @SuppressWarnings("unchecked")
    private static final MethodDescriptor<Decoded<GetLogStateRequest>, ?> STATE =
            (MethodDescriptor<Decoded<GetLogStateRequest>, ?>) SERVICE.getMethod(
                            FederationServiceGrpc.getGetLogStateMethod().getFullMethodName())
                    .getMethodDescriptor();

    @FuzzTest
    void pushLog(byte[] bytes) throws Exception {
        Decoded<PushLogRequest> decoded = PUSH.parseRequest(new ByteArrayInputStream(bytes));
        if (!(decoded instanceof Decoded.Message<PushLogRequest> message)) {
            requireMalformed(decoded);
            return;
        }
        PushLogRequest request = message.message();
        if (!PushLogRequest.parseFrom(request.toByteArray()).equals(request)) {
            throw new AssertionError("parse(toByteArray()) differs");
        }
        PreparedBatch prepared = BatchVerifier.prepare(incoming(request.getBatch()), ENROLLED);
        if (prepared instanceof PreparedBatch.Ready ready) {
            if (ready.leaves().size() != request.getBatch().getEntriesCount()) {
                throw new AssertionError("a ready batch lost entries");
            }
        } else if (!(prepared instanceof PreparedBatch.Refused refused) || refused.refusal() == null) {
            throw new AssertionError("neither ready nor refused: " + prepared);
        }
    }

    @FuzzTest
    void getLogState(byte[] bytes) throws Exception {
        Decoded<GetLogStateRequest> decoded = STATE.parseRequest(new ByteArrayInputStream(bytes));
        if (!(decoded instanceof Decoded.Message<GetLogStateRequest> message)) {
            requireMalformed(decoded);
            return;
        }
        GetLogStateRequest request = message.message();
        if (!GetLogStateRequest.parseFrom(request.toByteArray()).equals(request)) {
            throw new AssertionError("parse(toByteArray()) differs");
        }
    }

    /** A share's content as the aggregator checks it on arrival: refused with a code, or allowed with its scope. */
    @FuzzTest
    void shareContent(byte[] bytes) {
        ShareContent.Checked checked = ShareContent.check(LeafKind.SHARED, bytes);
        // Empty content (withheld or erased at the source) is allowed and has no scope.
        if (checked instanceof ShareContent.Checked.Allowed allowed
                && bytes.length > 0
                        != allowed.scope().filter(ShareContent.SCOPES::contains).isPresent()) {
            throw new AssertionError("allowed without a known scope: " + allowed);
        }
        if (checked instanceof ShareContent.Checked.Refused refused
                && !refused.detail().startsWith("content.")) {
            throw new AssertionError("refused without a content code: " + refused);
        }
    }

    private static void requireMalformed(Decoded<?> decoded) {
        if (!(decoded instanceof Decoded.Malformed<?> malformed)
                || !List.of("proto.malformed", "proto.unknown_field").contains(malformed.code())) {
            throw new AssertionError("neither a message nor malformed: " + decoded);
        }
    }

    /** As FederationEndpoint hands a received batch to the verifier. */
    private static IncomingBatch incoming(LogBatch batch) {
        return new IncomingBatch(
                batch.getOrigin(),
                batch.getEntriesList().stream()
                        .map(e -> new IncomingEntry(
                                e.getLeaf().toByteArray(),
                                e.getPayload().toByteArray(),
                                e.getSalt().toByteArray()))
                        .toList(),
                batch.getCheckpointNote().toByteArray(),
                batch.getConsistencyProofList().stream()
                        .map(ByteString::toByteArray)
                        .toList());
    }

    private static byte[] filled(int value) {
        byte[] seed = new byte[Ed25519KeyPair.SEED_SIZE];
        Arrays.fill(seed, (byte) value);
        return seed;
    }
}
