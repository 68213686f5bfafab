package org.tejido.regional.intake;

import com.google.protobuf.ByteString;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.GetLogStateResponse;
import org.tejido.federation.v1.LogBatch;
import org.tejido.federation.v1.LogEntry;
import org.tejido.federation.v1.PushLogRequest;
import org.tejido.federation.v1.PushLogResponse;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.regional.enrollment.EnrolledNode;
import org.tejido.regional.enrollment.Enrollments;

/**
 * The aggregator's side of federation.proto. Who calls is decided by the TLS client certificate alone
 * ({@link CallerCertificate}); a node may only push and read the origin enrolled for that certificate.
 * The batches of a stream are handled in the order received, those that arrived together in one unit of
 * work ({@link BatchIntake}); the first refusal ends the call.
 */
@Component
class FederationEndpoint implements BindableService, DisposableBean {
    static final int MAX_BATCHES_PER_STREAM = 64;
    /** Batches of a call received and not yet stored, at most (each up to 4 MiB on the wire). */
    static final int BATCHES_IN_FLIGHT = 8;

    private static final Logger log = LoggerFactory.getLogger(FederationEndpoint.class);

    private final Enrollments enrollments;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ExecutorService intake = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "federation-intake");
        thread.setDaemon(true);
        return thread;
    });

    FederationEndpoint(Enrollments enrollments, CommandGateway commands, JdbcTemplate jdbc) {
        this.enrollments = enrollments;
        this.commands = commands;
        this.jdbc = jdbc;
    }

    /**
     * The service with requests decoded strictly ({@link Decoded}), so that malformed bytes are refused
     * by the service, with the Tejido ErrorInfo, rather than by the library as {@code UNKNOWN}.
     */
    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder(FederationServiceGrpc.SERVICE_NAME)
                .addMethod(
                        FederationServiceGrpc.getPushLogMethod().toBuilder(
                                        Decoded.marshaller(
                                                PushLogRequest.parser(), FederationEndpoint::hasUnknownFields),
                                        ProtoUtils.marshaller(PushLogResponse.getDefaultInstance()))
                                .build(),
                        ServerCalls.asyncBidiStreamingCall(this::push))
                .addMethod(
                        FederationServiceGrpc.getGetLogStateMethod().toBuilder(
                                        Decoded.marshaller(
                                                GetLogStateRequest.parser(),
                                                r -> !r.getUnknownFields()
                                                        .asMap()
                                                        .isEmpty()),
                                        ProtoUtils.marshaller(GetLogStateResponse.getDefaultInstance()))
                                .build(),
                        ServerCalls.asyncUnaryCall(this::logState))
                .build();
    }

    private static boolean hasUnknownFields(PushLogRequest request) {
        if (!request.getUnknownFields().asMap().isEmpty()
                || !request.getBatch().getUnknownFields().asMap().isEmpty()) {
            return true;
        }
        for (LogEntry entry : request.getBatch().getEntriesList()) {
            if (!entry.getUnknownFields().asMap().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void logState(Decoded<GetLogStateRequest> decoded, StreamObserver<GetLogStateResponse> response) {
        if (decoded instanceof Decoded.Malformed<GetLogStateRequest> malformed) {
            log.warn(
                    "SECURITY federation call refused: caller={} reason=BATCH_MALFORMED detail={}",
                    CallerCertificate.fingerprint(),
                    malformed.code());
            response.onError(RefusalStatus.of(Refusal.BATCH_MALFORMED, malformed.code(), -1));
            return;
        }
        try {
            getLogState(((Decoded.Message<GetLogStateRequest>) decoded).message(), response);
        } catch (DataAccessException e) {
            response.onError(storageUnavailable("GetLogState", CallerCertificate.fingerprint(), e));
        }
    }

    private StreamObserver<Decoded<PushLogRequest>> push(StreamObserver<PushLogResponse> response) {
        String caller = CallerCertificate.fingerprint();
        ServerCallStreamObserver<PushLogResponse> call = (ServerCallStreamObserver<PushLogResponse>) response;
        // Batches are requested as they are handled, so at most BATCHES_IN_FLIGHT wait in memory.
        call.disableAutoRequest();
        Optional<EnrolledNode> node;
        try {
            node = enrolled(caller);
        } catch (DataAccessException e) {
            call.onError(storageUnavailable("PushLog", caller, e));
            return new Ignored<>();
        }
        Push push = new Push(caller, node, call);
        call.request(BATCHES_IN_FLIGHT);
        return push;
    }

    /**
     * The enrollment lookup and GetLogState read the database before the intake's own storage handling:
     * when it is unreachable the call is refused as STORAGE_UNAVAILABLE, so the node backs off and
     * resumes, rather than failing as UNKNOWN with the exception logged by gRPC.
     */
    private static StatusRuntimeException storageUnavailable(String method, String caller, DataAccessException e) {
        log.warn(
                "Federation call {} from {} refused: the aggregator's database is unavailable ({})",
                method,
                caller,
                e.getClass().getSimpleName());
        return RefusalStatus.of(Refusal.STORAGE_UNAVAILABLE, "storage failed", -1);
    }

    /** What is left of a call already refused: its messages are dropped. */
    private static final class Ignored<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }

    private void getLogState(GetLogStateRequest request, StreamObserver<GetLogStateResponse> response) {
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
    public void destroy() {
        intake.shutdown();
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

    /**
     * One PushLog call: batches handled in the order received, until the first refusal. gRPC's thread
     * receives a batch and makes the checks that need only the batch; a worker on the intake's own
     * threads takes every batch that arrived since it last looked and has them verified against the
     * stored log and stored in one unit of work, while gRPC's thread prepares the next ones (ADR 0023).
     */
    private final class Push implements StreamObserver<Decoded<PushLogRequest>> {
        private final String caller;
        private final Optional<EnrolledNode> node;
        private final NoteVerifierKey enrolledKey;
        private final ServerCallStreamObserver<PushLogResponse> response;
        // Guarded by itself, with halfClosed and working: received, not yet taken by the worker.
        private final ArrayDeque<Received> received = new ArrayDeque<>();
        private boolean halfClosed;
        private boolean working;
        private volatile boolean ended;
        // The worker's alone (one worker at a time, handed over under the lock on received).
        private BatchOutcome.Stored last;
        private int batches;
        private String streamOrigin;

        Push(String caller, Optional<EnrolledNode> node, ServerCallStreamObserver<PushLogResponse> response) {
            this.caller = caller;
            this.node = node;
            this.enrolledKey = node.flatMap(n -> parsedKey(n.logKey())).orElse(null);
            this.response = response;
        }

        @Override
        public void onNext(Decoded<PushLogRequest> request) {
            Received next;
            if (request instanceof Decoded.Message<PushLogRequest> message) {
                LogBatch batch = message.message().getBatch();
                // Deny by default: nothing is decoded or hashed for a caller not enrolled for this origin.
                PreparedBatch prepared =
                        authorized(batch) && !ended ? BatchVerifier.prepare(incoming(batch), enrolledKey) : null;
                next = new Received.Batch(batch, prepared);
            } else {
                next = new Received.Malformed(((Decoded.Malformed<PushLogRequest>) request).code());
            }
            synchronized (received) {
                received.add(next);
                startWorking();
            }
        }

        @Override
        public void onError(Throwable t) {
            // The node cancelled or the connection broke: every batch handled so far is already durable.
            ended = true;
        }

        @Override
        public void onCompleted() {
            synchronized (received) {
                halfClosed = true;
                startWorking();
            }
        }

        private boolean authorized(LogBatch batch) {
            return node.isPresent() && node.get().origin().equals(batch.getOrigin());
        }

        /** Called holding the lock on {@code received}. */
        private void startWorking() {
            if (!working) {
                working = true;
                intake.execute(this::work);
            }
        }

        private void work() {
            try {
                drain();
            } catch (RuntimeException e) {
                // Not a refusal (those end the call in handle): the storage or a bug. The call must not
                // hang with its worker gone, so it ends here, and nothing more of it is handled.
                log.error("Federation call from {} ended: {}", caller, e.toString());
                synchronized (received) {
                    received.clear();
                    working = false;
                }
                if (!ended) {
                    end(RefusalStatus.of(Refusal.STORAGE_UNAVAILABLE, "storage failed", -1));
                }
            }
        }

        private void drain() {
            while (true) {
                List<Received> taken;
                boolean complete;
                synchronized (received) {
                    taken = new ArrayList<>(received);
                    received.clear();
                    complete = taken.isEmpty() && halfClosed;
                    if (taken.isEmpty()) {
                        working = false;
                    }
                }
                if (complete) {
                    if (!ended) {
                        answer();
                    }
                    return;
                }
                if (taken.isEmpty()) {
                    return;
                }
                if (!ended) {
                    handle(taken);
                }
                if (!ended) {
                    response.request(taken.size());
                }
            }
        }

        /**
         * What arrived since the worker last looked: in order, the admitted batches stored together. The
         * admission checks of docs/federation-protocol.md section 5, step 0, that concern the stream run
         * here, in that order: the message decodes strictly, it names an origin, the same origin as the
         * stream's earlier batches, one the caller is enrolled for, and the stream is within its limit.
         */
        private void handle(List<Received> taken) {
            List<AuthenticatedBatch> authenticated = new ArrayList<>();
            for (Received next : taken) {
                if (next instanceof Received.Malformed malformed) {
                    if (store(authenticated)) {
                        refuseUnadmitted(Refusal.BATCH_MALFORMED, malformed.code(), 0);
                    }
                    return;
                }
                LogBatch batch = ((Received.Batch) next).batch();
                if (batch.getOrigin().isEmpty()) {
                    if (store(authenticated)) {
                        refuseUnadmitted(Refusal.BATCH_MALFORMED, "a batch needs an origin", batch.getEntriesCount());
                    }
                    return;
                }
                if (streamOrigin != null && !streamOrigin.equals(batch.getOrigin())) {
                    if (store(authenticated)) {
                        refuseUnadmitted(
                                Refusal.ORIGIN_MISMATCH,
                                "the origin differs from the stream's earlier batches",
                                batch.getEntriesCount());
                    }
                    return;
                }
                if (!authorized(batch)) {
                    if (store(authenticated)) {
                        end(notAuthorized(node, caller, batch.getOrigin(), -1, batch.getEntriesCount()));
                    }
                    return;
                }
                streamOrigin = batch.getOrigin();
                String origin = node.get().origin();
                if (++batches > MAX_BATCHES_PER_STREAM) {
                    if (store(authenticated)) {
                        refuse(origin, Refusal.TOO_LARGE, "more than 64 batches in one stream", batch);
                    }
                    return;
                }
                authenticated.add(new AuthenticatedBatch(
                        origin, node.get().logKey(), ((Received.Batch) next).prepared(), caller));
            }
            store(authenticated);
        }

        /**
         * Refuses what was not admitted: kept on the caller's own ledger when it is enrolled (a node's
         * bug or misuse is on its record), only in the security log otherwise.
         */
        private void refuseUnadmitted(Refusal reason, String detail, int entries) {
            if (node.isPresent()) {
                commands.sendAndWait(
                        new RecordRefusedCallCommand(node.get().origin(), reason, detail, -1, entries, caller));
            } else {
                log.warn(
                        "SECURITY federation call from an unenrolled certificate refused: caller={} reason={}"
                                + " detail={}",
                        caller,
                        reason,
                        detail);
            }
            end(RefusalStatus.of(reason, detail, last == null ? -1 : last.storedSize()));
        }

        /** @return whether the call goes on: every batch stored, none refused, the storage available */
        private boolean store(List<AuthenticatedBatch> authenticated) {
            if (authenticated.isEmpty()) {
                return true;
            }
            String origin = authenticated.get(0).origin();
            try {
                BatchOutcome outcome = commands.sendAndWait(new AcceptBatchesCommand(origin, authenticated));
                if (outcome instanceof BatchOutcome.Refused refused) {
                    end(RefusalStatus.of(refused.reason(), refused.detail(), refused.storedSize()));
                    return false;
                }
                last = (BatchOutcome.Stored) outcome;
                return true;
            } catch (RuntimeException e) {
                log.error("Federation batches from {} not stored: {}", origin, e.toString());
                end(RefusalStatus.of(Refusal.STORAGE_UNAVAILABLE, "storage failed", -1));
                return false;
            }
        }

        private void refuse(String origin, Refusal reason, String detail, LogBatch batch) {
            commands.sendAndWait(
                    new RecordRefusedCallCommand(origin, reason, detail, -1, batch.getEntriesCount(), caller));
            end(RefusalStatus.of(reason, detail, last == null ? -1 : last.storedSize()));
        }

        private void answer() {
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

    /** A message as gRPC delivered it. */
    private sealed interface Received {
        /** A batch, and what could be checked of it on arrival (null when its caller was not authorized). */
        record Batch(LogBatch batch, PreparedBatch prepared) implements Received {}

        /** Bytes that do not decode strictly ({@link Decoded}). */
        record Malformed(String code) implements Received {}
    }

    /** The enrolled key, for checking signatures as batches arrive; the ledger checks it again if unparsable. */
    private static Optional<NoteVerifierKey> parsedKey(String text) {
        try {
            return Optional.of(NoteVerifierKey.parse(text));
        } catch (NoteException e) {
            return Optional.empty();
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
