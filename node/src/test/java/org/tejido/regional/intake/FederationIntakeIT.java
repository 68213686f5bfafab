package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.GetLogStateResponse;
import org.tejido.federation.v1.LogBatch;
import org.tejido.federation.v1.LogEntry;
import org.tejido.federation.v1.PushLogRequest;
import org.tejido.federation.v1.PushLogResponse;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.SignedNote;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.support.SecurityLog;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;

/**
 * A real aggregator (regional profile, its own PostgreSQL) behind real gRPC with mutual TLS 1.3 on
 * loopback: every adversarial push ends in its stable reason, a refusal kept as an event and no change
 * to what is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationIntakeIT {
    private static final String MX = "mx.example.org/MX/v1";
    private static final String GT = "gt.example.org/GT/v1";

    private final TestLog mx = new TestLog(MX, 1).append(12, "a");
    private final TestLog gt = new TestLog(GT, 2).append(4, "g");
    private ConfigurableApplicationContext aggregator;
    private JdbcTemplate jdbc;
    private TlsIdentity mxIdentity;
    private TlsIdentity gtIdentity;
    private FederationCa ca;
    private Path pki;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final Map<TlsIdentity, ManagedChannel> channelsByIdentity = new java.util.HashMap<>();

    @BeforeAll
    void startAggregatorAndEnrollTwoNodes() throws Exception {
        pki = TestDirectories.create("intake-pki-");
        ca = FederationCa.create(Files.createDirectories(pki.resolve("ca")), "Tejido test federation CA");
        Path aggregatorTls = Files.createDirectories(pki.resolve("aggregator"));
        TlsIdentity.create(
                aggregatorTls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        mxIdentity = nodeIdentity(pki.resolve("mx"), ca, "mx");
        gtIdentity = nodeIdentity(pki.resolve("gt"), ca, "gt");

        aggregator = TestNodes.startAggregator(TestDatabase.fresh(), aggregatorTls);
        jdbc = aggregator.getBean(JdbcTemplate.class);
        Enrollments enrollments = aggregator.getBean(Enrollments.class);
        enrollments.enroll(MX, mxIdentity.fingerprint(), mx.signer.verifierKey().format());
        enrollments.enroll(GT, gtIdentity.fingerprint(), gt.signer.verifierKey().format());

        PushLogResponse first = push(mxIdentity, batch(mx.batch(0, 8)));
        assertThat(first.getStoredSize()).isEqualTo(8);
    }

    @AfterAll
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (aggregator != null) {
            aggregator.close();
        }
    }

    @Test
    void anEnrolledNodesBatchIsStoredWithItsContentAndCosignedByTheWitness() throws Exception {
        GetLogStateResponse state = stub(mxIdentity)
                .getLogState(GetLogStateRequest.newBuilder().setOrigin(MX).build());

        assertThat(state.getStoredSize()).isEqualTo(8);
        String note = state.getCheckpointNote().toStringUtf8();
        assertThat(note).isEqualTo(new String(mx.checkpoint(8), StandardCharsets.UTF_8));
        Witness witness = aggregator.getBean(Witness.class);
        SignedNote cosigned = SignedNote.parse(note + state.getCosignatureNote().toStringUtf8());
        assertThat(Cosigner.verify(
                        witness.cosigner().name(),
                        witness.cosigner().publicKey(),
                        cosigned.text(),
                        cosigned.signatures().get(1)))
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM regional_payload WHERE origin = ?", Long.class, MX))
                .isEqualTo(8);
    }

    @Test
    void batchesOfOneStreamAreStoredInOrderUpToTheFirstRefusalAndNothingAfterIt() throws Exception {
        // given a third node enrolled, and a stream of a valid batch, a forged one and a valid one
        String co = "co.example.org/CO/v1";
        Enrolled node = enrollNewNode("co", co, 3);
        TestLog log = node.log();
        TlsIdentity coIdentity = node.identity();
        IncomingBatch forged = with(log.batch(2, 3), log.checkpoint(3, new TestLog(co, 9).signer));
        long refusals = events("BatchRefusedEvent");

        // when they are pushed in one call
        StatusRuntimeException refusal =
                refusal(coIdentity, List.of(batch(log.batch(0, 2)), batch(forged), batch(log.batch(2, 4))));

        // then the first is stored, the second refused, the third never handled
        assertThat(reason(refusal)).isEqualTo("SIGNATURE_INVALID");
        assertThat(events("BatchRefusedEvent")).isEqualTo(refusals + 1);
        assertThat(jdbc.queryForObject("SELECT stored_size FROM regional_log_state WHERE origin = ?", Long.class, co))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM regional_payload WHERE origin = ?", Long.class, co))
                .isEqualTo(2);
    }

    @Test
    void aBatchTheDatabaseCannotStoreEndsTheCallAsStorageUnavailableAndLeavesNothingBehind() throws Exception {
        // given a node enrolled, and a database that refuses the content of any new entry
        String pe = "pe.example.org/PE/v1";
        Enrolled node = enrollNewNode("pe", pe, 4);
        TestLog log = node.log();
        TlsIdentity peIdentity = node.identity();
        long stored = events("EntriesStoredEvent");
        jdbc.execute("ALTER TABLE regional_payload ADD CONSTRAINT test_refuses_content CHECK (false) NOT VALID");
        StatusRuntimeException failure;
        try {
            // when the node pushes two batches in one call
            failure = refusal(peIdentity, List.of(batch(log.batch(0, 2)), batch(log.batch(2, 4))));
        } finally {
            jdbc.execute("ALTER TABLE regional_payload DROP CONSTRAINT test_refuses_content");
        }

        // then the call ends as STORAGE_UNAVAILABLE and nothing of it is stored
        assertThat(reason(failure)).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(events("EntriesStoredEvent")).isEqualTo(stored);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM regional_log_state WHERE origin = ?", Long.class, pe))
                .isZero();
        // and once the database stores again, the same push is stored whole
        assertThat(push(peIdentity, List.of(batch(log.batch(0, 2)), batch(log.batch(2, 4))))
                        .getStoredSize())
                .isEqualTo(4);
    }

    @Test
    void aForgedCheckpointSignatureIsRefused() {
        String text = new String(mx.checkpoint(12), StandardCharsets.UTF_8);
        int sig = text.lastIndexOf(' ') + 1;
        char flipped = text.charAt(sig + 10) == 'A' ? 'B' : 'A';
        byte[] forged =
                (text.substring(0, sig + 10) + flipped + text.substring(sig + 11)).getBytes(StandardCharsets.UTF_8);
        assertRefusedAndNothingChanged(mxIdentity, with(mx.batch(8, 12), forged), "SIGNATURE_INVALID");
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRefused() {
        byte[] note = mx.checkpoint(12, new TestLog(MX, 9).signer);
        assertRefusedAndNothingChanged(mxIdentity, with(mx.batch(8, 12), note), "SIGNATURE_INVALID");
    }

    @Test
    void aSignatureThatIsNot64BytesIsRefused() {
        String text = new String(mx.checkpoint(12), StandardCharsets.UTF_8);
        int sig = text.lastIndexOf(' ') + 1;
        byte[] decoded =
                java.util.Base64.getDecoder().decode(text.substring(sig).strip());
        byte[] note = (text.substring(0, sig)
                        + java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(decoded, 67))
                        + "\n")
                .getBytes(StandardCharsets.UTF_8);
        assertRefusedAndNothingChanged(
                mxIdentity, with(mx.batch(8, 12), note), "SIGNATURE_INVALID", "CHECKPOINT_MALFORMED");
    }

    @Test
    void aForkOfTheSameSizeWithAnotherRootIsEquivocationKeptAsEvidence() {
        long evidence = events("EquivocationDetectedEvent");
        TestLog fork = new TestLog(MX, 1).append(8, "fork");
        assertRefusedAndNothingChanged(mxIdentity, fork.batch(4, 8), "INCONSISTENT_CHECKPOINT");
        assertThat(events("EquivocationDetectedEvent")).isEqualTo(evidence + 1);
    }

    @Test
    void aRollbackToASmallerSizeIsRefused() {
        TestLog rewritten = new TestLog(MX, 5).append(6, "old");
        assertRefusedAndNothingChanged(mxIdentity, rewritten.batch(2, 6), "ROLLBACK");
    }

    @Test
    void reorderedDuplicatedOrMissingEntriesAreRefused() {
        List<IncomingEntry> reordered = new ArrayList<>(mx.entries.subList(8, 12));
        Collections.swap(reordered, 1, 2);
        assertRefusedAndNothingChanged(mxIdentity, entries(reordered, 12), "CHAIN_BROKEN");

        List<IncomingEntry> duplicated = new ArrayList<>(mx.entries.subList(8, 12));
        duplicated.set(2, duplicated.get(1));
        assertRefusedAndNothingChanged(mxIdentity, entries(duplicated, 12), "CHAIN_BROKEN");

        List<IncomingEntry> missing = new ArrayList<>(mx.entries.subList(8, 12));
        missing.remove(1);
        assertRefusedAndNothingChanged(mxIdentity, entries(missing, 12), "CHAIN_BROKEN");
    }

    @Test
    void anEntryWhoseIndexOrPreviousHashIsWrongIsRefused() {
        // Index 9 where 8 is due (a gap), and a leaf at index 8 chained to a wrong previous hash.
        assertRefusedAndNothingChanged(mxIdentity, mx.batch(9, 12), "CHAIN_BROKEN");
        TestLog wrongChain = new TestLog(MX, 1).append(9, "z");
        List<IncomingEntry> wrong = new ArrayList<>(mx.entries.subList(8, 12));
        wrong.set(0, wrongChain.entries.get(8));
        assertRefusedAndNothingChanged(mxIdentity, entries(wrong, 12), "CHAIN_BROKEN");
    }

    @Test
    void anEntryOfAnotherOriginIsRefused() {
        TestLog elsewhere = new TestLog(GT, 1).append(12, "e");
        List<IncomingEntry> mixed = new ArrayList<>(mx.entries.subList(8, 12));
        mixed.set(3, elsewhere.entries.get(11));
        assertRefusedAndNothingChanged(mxIdentity, entries(mixed, 12), "ORIGIN_MISMATCH");
    }

    @Test
    void aNodeCertificatePushingAnotherNodesOriginIsRefusedAndKeptOnItsOwnLedger() {
        long refusalsBefore = events("BatchRefusedEvent");
        StatusRuntimeException refusal = refusal(gtIdentity, batch(mx.batch(8, 12)));
        assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refusal)).isEqualTo("ORIGIN_NOT_AUTHORIZED");
        assertThat(events("BatchRefusedEvent")).isEqualTo(refusalsBefore + 1);
        assertThat(jdbc.queryForObject(
                        "SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%BatchRefusedEvent'"
                                + " ORDER BY globalindex DESC LIMIT 1",
                        String.class))
                .isEqualTo(GT);
        assertThatThrownBy(() -> stub(gtIdentity)
                        .getLogState(
                                GetLogStateRequest.newBuilder().setOrigin(MX).build()))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(reason((StatusRuntimeException) e)).isEqualTo("ORIGIN_NOT_AUTHORIZED"));
    }

    @Test
    void aClientWithoutACertificateCannotCall() throws Exception {
        Map<String, Object> before = state();
        SslContext noCertificate = GrpcSslContexts.forClient()
                .trustManager(mxIdentity.trustedCa())
                .protocols(FederationTls.TLS_1_3)
                .build();
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port())
                .sslContext(noCertificate)
                .build();
        channels.add(channel);
        try (SecurityLog security = SecurityLog.capture()) {
            assertThatThrownBy(() -> FederationServiceGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .getLogState(GetLogStateRequest.newBuilder()
                                    .setOrigin(MX)
                                    .build()))
                    .isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> {
                        StatusRuntimeException refusal = (StatusRuntimeException) e;
                        assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(reason(refusal)).isEqualTo("NO_CLIENT_CERTIFICATE");
                    });
            assertThat(security.events())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("SECURITY federation call without a client certificate refused")
                            .contains("GetLogState"));
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aClientWithACertificateOfAnotherCaCannotCall() throws Exception {
        Map<String, Object> before = state();
        Path rogueDir = Files.createDirectories(pki.resolve("rogue-" + System.nanoTime()));
        FederationCa rogueCa = FederationCa.create(Files.createDirectories(rogueDir.resolve("ca")), "Rogue CA");
        TlsIdentity rogue = nodeIdentity(rogueDir.resolve("node"), rogueCa, "mx");
        // It trusts the real CA (to reach the server) but presents a certificate the real CA never issued.
        TlsIdentity presenting = new TlsIdentity(rogue.key(), rogue.certificate(), mxIdentity.trustedCa());
        try (SecurityLog security = SecurityLog.capture()) {
            assertThatThrownBy(() -> stub(presenting)
                            .getLogState(GetLogStateRequest.newBuilder()
                                    .setOrigin(MX)
                                    .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(reason(e)).isEqualTo("NO_CLIENT_CERTIFICATE"));
            // The server names the federation CA in its certificate request, so a TLS client holding only
            // a certificate of another CA sends none: to the aggregator it is a caller without one. (A
            // client that sends it anyway is refused by the trust manager, RefusalLoggingTrustManagerTest.)
            assertThat(security.events())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("SECURITY federation call without a client certificate refused"));
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anOversizedMessageIsRefusedByTheTransport() {
        byte[] huge = new byte[5 * 1024 * 1024];
        LogBatch batch = batch(mx.batch(8, 9)).toBuilder()
                .setEntries(0, batch(mx.batch(8, 9)).getEntries(0).toBuilder().setPayload(ByteString.copyFrom(huge)))
                .build();
        Map<String, Object> before = state();
        long refusals = events("BatchRefusedEvent");
        StatusRuntimeException refusal = refusal(mxIdentity, batch);
        assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        // Refused by the transport before the endpoint saw it, and kept like every other refusal.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> events("BatchRefusedEvent") == refusals + 1);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void randomBytesAsALeafAreRefused() {
        byte[] garbage = new byte[150];
        new Random(7).nextBytes(garbage);
        List<IncomingEntry> entries = new ArrayList<>(mx.entries.subList(8, 12));
        entries.set(2, new IncomingEntry(garbage, new byte[0], new byte[0]));
        assertRefusedAndNothingChanged(mxIdentity, entries(entries, 12), "LEAF_MALFORMED");
    }

    @Test
    void aConsistencyProofThatDoesNotVerifyIsRefused() {
        IncomingBatch valid = mx.batch(8, 12);
        List<byte[]> bogus = List.of(new byte[32], new byte[32]);
        assertRefusedAndNothingChanged(
                mxIdentity,
                new IncomingBatch(MX, valid.entries(), valid.checkpointNote(), bogus),
                "INCONSISTENT_CHECKPOINT");
    }

    @Test
    void aRevocationOfAnEntryThatDoesNotExistIsRefused() {
        TestLog withRetraction = new TestLog(MX, 1).append(12, "a").retract(99);
        assertRefusedAndNothingChanged(mxIdentity, withRetraction.batch(8, 13), "UNKNOWN_TARGET");
    }

    // --- helpers ---

    private void assertRefusedAndNothingChanged(TlsIdentity caller, IncomingBatch batch, String... reasons) {
        Map<String, Object> before = state();
        long refusals = events("BatchRefusedEvent");
        StatusRuntimeException refusal = refusal(caller, batch(batch));
        assertThat(reason(refusal)).isIn((Object[]) reasons);
        assertThat(events("BatchRefusedEvent")).isEqualTo(refusals + 1);
        assertThat(state()).isEqualTo(before);
    }

    /** What is stored for MX: its state row, its content rows and its stored leaves. */
    private Map<String, Object> state() {
        return Map.of(
                "state",
                jdbc.queryForList("SELECT stored_size, checkpoint_note FROM regional_log_state ORDER BY origin"),
                "payloads",
                jdbc.queryForObject("SELECT count(*) FROM regional_payload", Long.class),
                "leaves",
                events("EntriesStoredEvent"));
    }

    private long events(String type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE payloadtype = ?",
                Long.class,
                "org.tejido.regional.intake." + type);
    }

    private static String reason(StatusRuntimeException refusal) {
        com.google.rpc.Status status = StatusProto.fromThrowable(refusal);
        if (status == null) {
            return null;
        }
        return status.getDetailsList().stream()
                .filter(any -> any.is(ErrorInfo.class))
                .map(any -> {
                    try {
                        return any.unpack(ErrorInfo.class).getReason();
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                })
                .findFirst()
                .orElse(null);
    }

    private StatusRuntimeException refusal(TlsIdentity caller, LogBatch batch) {
        return refusal(caller, List.of(batch));
    }

    private StatusRuntimeException refusal(TlsIdentity caller, List<LogBatch> batches) {
        try {
            push(caller, batches);
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the batches were accepted");
    }

    private PushLogResponse push(TlsIdentity caller, LogBatch batch) {
        return push(caller, List.of(batch));
    }

    private PushLogResponse push(TlsIdentity caller, List<LogBatch> batches) {
        CompletableFuture<PushLogResponse> answer = new CompletableFuture<>();
        StreamObserver<PushLogRequest> requests = FederationServiceGrpc.newStub(channel(caller))
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .pushLog(new StreamObserver<>() {
                    @Override
                    public void onNext(PushLogResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        for (LogBatch batch : batches) {
            requests.onNext(PushLogRequest.newBuilder().setBatch(batch).build());
        }
        requests.onCompleted();
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException status) {
                throw status;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A node enrolled during a test, with a log of four shares not pushed yet. */
    private record Enrolled(TestLog log, TlsIdentity identity) {}

    private Enrolled enrollNewNode(String name, String origin, int key) throws Exception {
        TestLog log = new TestLog(origin, key).append(4, name);
        TlsIdentity identity = nodeIdentity(pki.resolve(name), ca, name);
        aggregator
                .getBean(Enrollments.class)
                .enroll(origin, identity.fingerprint(), log.signer.verifierKey().format());
        return new Enrolled(log, identity);
    }

    /** A node's TLS identity, issued by {@code ca}, valid for a day. */
    private static TlsIdentity nodeIdentity(Path dir, FederationCa ca, String name) throws Exception {
        return TlsIdentity.create(
                Files.createDirectories(dir), ca, name, FederationCa.Purpose.NODE, Duration.ofDays(1), List.of());
    }

    private FederationServiceGrpc.FederationServiceBlockingStub stub(TlsIdentity caller) {
        return FederationServiceGrpc.newBlockingStub(channel(caller)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** One channel per node identity, as a node has: the aggregator bounds connections per certificate. */
    private ManagedChannel channel(TlsIdentity caller) {
        return channelsByIdentity.computeIfAbsent(caller, identity -> {
            ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port())
                    .sslContext(FederationTls.clientContext(identity))
                    .maxInboundMessageSize(FederationServer.MAX_MESSAGE_BYTES)
                    .build();
            channels.add(channel);
            return channel;
        });
    }

    private int port() {
        return aggregator.getBean(FederationServer.class).port();
    }

    private IncomingBatch entries(List<IncomingEntry> entries, int checkpointSize) {
        return new IncomingBatch(MX, entries, mx.checkpoint(checkpointSize), List.of());
    }

    private static IncomingBatch with(IncomingBatch batch, byte[] note) {
        return new IncomingBatch(batch.origin(), batch.entries(), note, batch.consistencyProof());
    }

    static LogBatch batch(IncomingBatch batch) {
        LogBatch.Builder builder = LogBatch.newBuilder()
                .setOrigin(batch.origin())
                .setCheckpointNote(ByteString.copyFrom(batch.checkpointNote()));
        for (IncomingEntry entry : batch.entries()) {
            builder.addEntries(LogEntry.newBuilder()
                    .setLeaf(ByteString.copyFrom(entry.leaf()))
                    .setPayload(ByteString.copyFrom(entry.payload()))
                    .setSalt(ByteString.copyFrom(entry.salt())));
        }
        batch.consistencyProof().forEach(p -> builder.addConsistencyProof(ByteString.copyFrom(p)));
        return builder.build();
    }
}
