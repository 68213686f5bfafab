package org.tejido.regional.intake;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.GetLogStateResponse;
import org.tejido.federation.v1.LogBatch;
import org.tejido.federation.v1.PushLogRequest;
import org.tejido.federation.v1.PushLogResponse;
import org.tejido.regional.enrollment.EnrolledNode;
import org.tejido.regional.enrollment.Enrollments;

/**
 * The aggregator's side of federation.proto. Who calls is decided by the TLS client certificate alone
 * ({@link CallerCertificate}); a node may only push and read the origin enrolled for that certificate.
 * Each batch of a stream is one unit of work ({@link BatchIntake}); the first refusal ends the call.
 */
@Component
class FederationEndpoint extends FederationServiceGrpc.FederationServiceImplBase {
    static final int MAX_BATCHES_PER_STREAM = 64;
    private static final Logger log = LoggerFactory.getLogger(FederationEndpoint.class);

    private final Enrollments enrollments;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    FederationEndpoint(Enrollments enrollments, CommandGateway commands, JdbcTemplate jdbc) {
        this.enrollments = enrollments;
        this.commands = commands;
        this.jdbc = jdbc;
    }

    @Override
    public void getLogState(GetLogStateRequest request, StreamObserver<GetLogStateResponse> response) {
        String caller = CallerCertificate.fingerprint();
        Optional<EnrolledNode> node = enrolled(caller);
        if (node.isEmpty() || !node.get().origin().equals(request.getOrigin())) {
            response.onError(notAuthorized(node, caller, request.getOrigin(), 0, 0));
            return;
        }
        GetLogStateResponse.Builder state = GetLogStateResponse.newBuilder();
        jdbc.query(
                "SELECT stored_size, checkpoint_note, cosignature_note FROM regional_log_state WHERE origin = ?",
                rs -> {
                    state.setStoredSize(rs.getLong(1))
                            .setCheckpointNote(utf8(rs.getString(2)))
                            .setCosignatureNote(utf8(rs.getString(3)));
                },
                request.getOrigin());
        response.onNext(state.build());
        response.onCompleted();
    }

    @Override
    public StreamObserver<PushLogRequest> pushLog(StreamObserver<PushLogResponse> response) {
        String caller = CallerCertificate.fingerprint();
        return new Push(caller, enrolled(caller), response);
    }

    private Optional<EnrolledNode> enrolled(String caller) {
        return caller == null ? Optional.empty() : enrollments.byFingerprint(caller);
    }

    /**
     * Refuses a caller for an origin it is not enrolled for. An enrolled caller's attempt is kept on its
     * own origin's ledger; an unknown certificate has no ledger, so only the security log keeps it.
     */
    private StatusRuntimeException notAuthorized(
            Optional<EnrolledNode> node, String caller, String origin, long firstIndex, int entries) {
        String detail = "caller is not enrolled for origin " + printable(origin);
        if (node.isPresent()) {
            commands.sendAndWait(new RecordRefusedCallCommand(
                    node.get().origin(), Refusal.ORIGIN_NOT_AUTHORIZED, detail, firstIndex, entries, caller));
        } else {
            log.warn("SECURITY federation call from an unenrolled certificate refused: caller={}", caller);
        }
        return RefusalStatus.of(Refusal.ORIGIN_NOT_AUTHORIZED, detail, 0);
    }

    /** Origins are names, not personal data, but a hostile caller chooses them: keep them short and plain. */
    private static String printable(String origin) {
        String plain = origin.replaceAll("[^\\x21-\\x7e]", "?");
        return plain.length() > 64 ? plain.substring(0, 64) + "…" : plain;
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    /** One PushLog call: batches handled in the order received, until the first refusal. */
    private final class Push implements StreamObserver<PushLogRequest> {
        private final String caller;
        private final Optional<EnrolledNode> node;
        private final StreamObserver<PushLogResponse> response;
        private BatchOutcome.Stored last;
        private int batches;
        private boolean ended;

        Push(String caller, Optional<EnrolledNode> node, StreamObserver<PushLogResponse> response) {
            this.caller = caller;
            this.node = node;
            this.response = response;
        }

        @Override
        public void onNext(PushLogRequest request) {
            if (ended) {
                return;
            }
            LogBatch batch = request.getBatch();
            if (node.isEmpty() || !node.get().origin().equals(batch.getOrigin())) {
                end(notAuthorized(node, caller, batch.getOrigin(), -1, batch.getEntriesCount()));
                return;
            }
            String origin = node.get().origin();
            if (++batches > MAX_BATCHES_PER_STREAM) {
                refuse(origin, Refusal.TOO_LARGE, "more than 64 batches in one stream", batch);
                return;
            }
            try {
                BatchOutcome outcome = commands.sendAndWait(
                        new AcceptBatchCommand(origin, node.get().logKey(), incoming(batch), caller));
                if (outcome instanceof BatchOutcome.Stored stored) {
                    last = stored;
                } else if (outcome instanceof BatchOutcome.Refused refused) {
                    end(RefusalStatus.of(refused.reason(), refused.detail(), refused.storedSize()));
                }
            } catch (RuntimeException e) {
                log.error("Federation batch from {} not stored: {}", origin, e.toString());
                end(RefusalStatus.of(Refusal.STORAGE_UNAVAILABLE, "storage failed", -1));
            }
        }

        private void refuse(String origin, Refusal reason, String detail, LogBatch batch) {
            commands.sendAndWait(
                    new RecordRefusedCallCommand(origin, reason, detail, -1, batch.getEntriesCount(), caller));
            end(RefusalStatus.of(reason, detail, last == null ? -1 : last.storedSize()));
        }

        @Override
        public void onError(Throwable t) {
            // The node cancelled or the connection broke: every batch handled so far is already durable.
            ended = true;
        }

        @Override
        public void onCompleted() {
            if (ended) {
                return;
            }
            ended = true;
            if (last == null) {
                response.onError(RefusalStatus.of(Refusal.BATCH_MALFORMED, "empty stream", -1));
                return;
            }
            response.onNext(PushLogResponse.newBuilder()
                    .setStoredSize(last.storedSize())
                    .setCosignatureNote(utf8(last.cosignatureNote()))
                    .build());
            response.onCompleted();
        }

        private void end(StatusRuntimeException status) {
            ended = true;
            response.onError(status);
        }
    }

    private static IncomingBatch incoming(LogBatch batch) {
        List<IncomingEntry> entries = batch.getEntriesList().stream()
                .map(e -> new IncomingEntry(
                        e.getLeaf().toByteArray(),
                        e.getPayload().toByteArray(),
                        e.getSalt().toByteArray()))
                .toList();
        List<byte[]> proof = batch.getConsistencyProofList().stream()
                .map(ByteString::toByteArray)
                .toList();
        return new IncomingBatch(
                batch.getOrigin(), entries, batch.getCheckpointNote().toByteArray(), proof);
    }
}
