package org.tejido.regional.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.tejido.ledger.merkle.MerkleTree;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.NoteSigner;
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
    @Refuses(Refusal.STORAGE_UNAVAILABLE)
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
    @Refuses(Refusal.SIGNATURE_INVALID)
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
    @Refuses(Refusal.EQUIVOCATION)
    void aForkOfTheSameSizeWithAnotherRootIsEquivocationKeptAsEvidence() {
        long evidence = events("EquivocationDetectedEvent");
        TestLog fork = new TestLog(MX, 1).append(8, "fork");
        assertRefusedAndNothingChanged(mxIdentity, fork.batch(4, 8), "EQUIVOCATION");
        assertThat(events("EquivocationDetectedEvent")).isEqualTo(evidence + 1);
    }

    @Test
    @Refuses(Refusal.EQUIVOCATION)
    void aSignedCheckpointOfAHeldSizeWithAnotherRootAndOnlyStoredLeavesIsEquivocationAndFlagsTheOrigin() {
        long evidence = events("EquivocationDetectedEvent");
        byte[] otherRoot = MerkleTree.root(new TestLog(MX, 1).append(8, "fork").leafHashes);

        // the current size, and an older one, each with leaves the aggregator already holds
        assertRefusedAndNothingChanged(mxIdentity, with(mx.batch(4, 8), signedBy(mx, 8, otherRoot)), "EQUIVOCATION");
        assertRefusedAndNothingChanged(
                mxIdentity,
                with(mx.batch(2, 6), signedBy(mx, 6, MerkleTree.root(new TestLog(MX, 1).append(6, "fork").leafHashes))),
                "EQUIVOCATION");

        assertThat(events("EquivocationDetectedEvent")).isEqualTo(evidence + 2);
        assertThat(jdbc.queryForObject(
                        "SELECT equivocation_detected_at IS NOT NULL FROM regional_log_state WHERE origin = ?",
                        Boolean.class,
                        MX))
                .isTrue();
        assertThat(aggregator
                        .getBean(MeterRegistry.class)
                        .get("tejido.federation.equivocations")
                        .tag("origin", MX)
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
        // Both notes of the evidence are kept byte for byte, the conflicting one never cosigned.
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%CheckpointCosignedEvent'"
                                + " AND aggregateidentifier = ?",
                        Long.class, MX))
                .isEqualTo(1);
    }

    @Test
    @Refuses(Refusal.BATCH_MALFORMED)
    void aProofElementThatIsNot32BytesIsMalformedAndAccusesNobody() {
        long evidence = events("EquivocationDetectedEvent");
        IncomingBatch valid = mx.batch(8, 12);
        List<byte[]> proof = new ArrayList<>(MerkleTree.consistencyProof(mx.leafHashes, 8));
        proof.set(0, java.util.Arrays.copyOf(proof.get(0), 31));
        assertRefusedAndNothingChanged(
                mxIdentity, new IncomingBatch(MX, valid.entries(), valid.checkpointNote(), proof), "BATCH_MALFORMED");
        assertThat(events("EquivocationDetectedEvent")).isEqualTo(evidence);
    }

    @Test
    @Refuses(Refusal.INCONSISTENT_CHECKPOINT)
    void aProofLongerThanItShouldBeIsInconsistentAndAccusesNobody() {
        long evidence = events("EquivocationDetectedEvent");
        IncomingBatch valid = mx.batch(8, 12);
        List<byte[]> proof = new ArrayList<>(MerkleTree.consistencyProof(mx.leafHashes, 8));
        proof.add(proof.get(0));
        assertRefusedAndNothingChanged(
                mxIdentity,
                new IncomingBatch(MX, valid.entries(), valid.checkpointNote(), proof),
                "INCONSISTENT_CHECKPOINT");
        assertThat(events("EquivocationDetectedEvent")).isEqualTo(evidence);
    }

    @Test
    @Refuses(Refusal.BATCH_MALFORMED)
    void bytesThatAreNotAPushRequestAreMalformedWithTheTejidoErrorInfo() {
        // A truncated length-delimited field; then field 1 (the batch) sent as a varint, which protobuf
        // would otherwise keep aside as an unknown field and read as an empty batch.
        for (byte[] bytes : List.of(new byte[] {0x0a, (byte) 0xff, (byte) 0xff}, new byte[] {0x08, 0x01})) {
            Map<String, Object> before = state();
            long refusals = events("BatchRefusedEvent");
            StatusRuntimeException refusal = rawPush(mxIdentity, bytes);
            assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(reason(refusal)).isEqualTo("BATCH_MALFORMED");
            assertThat(events("BatchRefusedEvent")).isEqualTo(refusals + 1);
            assertThat(state()).isEqualTo(before);
        }
    }

    @Test
    @Refuses(Refusal.BATCH_MALFORMED)
    void aBatchWithoutAnOriginIsMalformed() {
        assertRefusedAndNothingChanged(
                mxIdentity,
                new IncomingBatch("", mx.entries.subList(8, 12), mx.checkpoint(12), List.of()),
                "BATCH_MALFORMED");
    }

    @Test
    @Refuses(Refusal.ORIGIN_MISMATCH)
    void anOriginSwitchedWithinAStreamIsAnOriginMismatch() {
        Map<String, Object> before = state();
        StatusRuntimeException refusal = refusal(mxIdentity, List.of(batch(mx.batch(4, 8)), batch(gt.batch(0, 4))));
        assertThat(reason(refusal)).isEqualTo("ORIGIN_MISMATCH");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Refuses(Refusal.ORIGIN_MISMATCH)
    void aBatchOfAnotherOriginRelabelledIsAnOriginMismatchNotARollback() {
        TestLog elsewhere = new TestLog(GT, 1).append(4, "a");
        assertRefusedAndNothingChanged(
                mxIdentity,
                new IncomingBatch(MX, elsewhere.entries.subList(0, 4), mx.checkpoint(4), List.of()),
                "ORIGIN_MISMATCH");
    }

    @Test
    @Refuses(Refusal.CHECKPOINT_MALFORMED)
    void aCheckpointWithExtensionLinesIsRefusedAndNeverCosigned() throws Exception {
        Checkpoint extended = new Checkpoint(MX, 12, MerkleTree.root(mx.leafHashes), List.of("extra claim"));
        byte[] note = NoteSigner.signNote(extended.toText(), List.of(mx.signer)).toBytes();
        assertRefusedAndNothingChanged(mxIdentity, with(mx.batch(8, 12), note), "CHECKPOINT_MALFORMED");
    }

    @Test
    @Refuses(Refusal.CHECKPOINT_MISMATCH)
    void aCheckpointThatIsNotTheRecomputedTreeIsRefused() {
        assertRefusedAndNothingChanged(mxIdentity, with(mx.batch(8, 12), mx.checkpoint(11)), "CHECKPOINT_MISMATCH");
    }

    @Test
    @Refuses(Refusal.COMMITMENT_MISMATCH)
    void aPayloadThatIsNotTheCommittedOneIsRefused() {
        List<IncomingEntry> entries = new ArrayList<>(mx.entries.subList(8, 12));
        IncomingEntry e = entries.get(1);
        byte[] payload = e.payload().clone();
        payload[payload.length - 2] ^= 1;
        entries.set(1, new IncomingEntry(e.leaf(), payload, e.salt()));
        assertRefusedAndNothingChanged(mxIdentity, entries(entries, 12), "COMMITMENT_MISMATCH");
    }

    @Test
    @Refuses(Refusal.TOO_LARGE)
    void aBatchOverTheEntryLimitIsRefused() {
        List<IncomingEntry> entries = Collections.nCopies(BatchVerifier.MAX_ENTRIES + 1, mx.entries.get(8));
        assertRefusedAndNothingChanged(mxIdentity, entries(entries, 12), "TOO_LARGE");
    }

    @Test
    @Refuses(Refusal.CONTENT_OUT_OF_SCOPE)
    void contentBeyondItsScopeIsRefusedAndTheRefusalKeepsNoneOfIt() throws Exception {
        String marker = "Marisol-Narrative-" + System.nanoTime();
        byte[] real = new TestLog(MX, 1).append(9, "stats").entries.get(8).payload();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode withNarrative =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(real);
        ((com.fasterxml.jackson.databind.node.ObjectNode) withNarrative.get("share")).put("narrative", marker);
        List<byte[]> payloads = List.of(
                json.writeValueAsBytes(withNarrative),
                ("not json " + marker).getBytes(StandardCharsets.UTF_8),
                new String(real, StandardCharsets.UTF_8)
                        .replace("\"statistics\"", "\"" + marker.substring(0, 12) + "\"")
                        .getBytes(StandardCharsets.UTF_8));
        for (byte[] payload : payloads) {
            TestLog sent = new TestLog(MX, 1).append(8, "a").appendPayload(payload);
            assertRefusedAndNothingChanged(mxIdentity, sent.batch(8, 9), "CONTENT_OUT_OF_SCOPE");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE position(convert_to(?, 'UTF8') in payload) > 0",
                        Long.class,
                        marker.substring(0, 12)))
                .isZero();
    }

    @Test
    void everyRefusalReasonHasItsOwnTestOverTheWire() {
        java.util.Set<Refusal> tested = java.util.EnumSet.noneOf(Refusal.class);
        List<java.lang.reflect.Method> methods =
                new ArrayList<>(List.of(getClass().getDeclaredMethods()));
        methods.addAll(List.of(FederationConnectionLimitsIT.class.getDeclaredMethods()));
        for (java.lang.reflect.Method method : methods) {
            if (method.isAnnotationPresent(Test.class) && method.isAnnotationPresent(Refuses.class)) {
                tested.addAll(List.of(method.getAnnotation(Refuses.class).value()));
            }
        }
        assertThat(tested).containsExactlyInAnyOrder(Refusal.values());
    }

    @Test
    @Refuses(Refusal.ROLLBACK)
    void aRollbackToASmallerSizeIsRefused() {
        TestLog rewritten = new TestLog(MX, 5).append(6, "old");
        assertRefusedAndNothingChanged(mxIdentity, rewritten.batch(2, 6), "ROLLBACK");
    }

    @Test
    @Refuses(Refusal.CHAIN_BROKEN)
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
    @Refuses(Refusal.ORIGIN_MISMATCH)
    void anEntryOfAnotherOriginIsRefused() {
        TestLog elsewhere = new TestLog(GT, 1).append(12, "e");
        List<IncomingEntry> mixed = new ArrayList<>(mx.entries.subList(8, 12));
        mixed.set(3, elsewhere.entries.get(11));
        assertRefusedAndNothingChanged(mxIdentity, entries(mixed, 12), "ORIGIN_MISMATCH");
    }

    @Test
    @Refuses(Refusal.ORIGIN_NOT_AUTHORIZED)
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
    @Refuses(Refusal.NO_CLIENT_CERTIFICATE)
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
    @Refuses(Refusal.LEAF_MALFORMED)
    void randomBytesAsALeafAreRefused() {
        byte[] garbage = new byte[150];
        new Random(7).nextBytes(garbage);
        List<IncomingEntry> entries = new ArrayList<>(mx.entries.subList(8, 12));
        entries.set(2, new IncomingEntry(garbage, new byte[0], new byte[0]));
        assertRefusedAndNothingChanged(mxIdentity, entries(entries, 12), "LEAF_MALFORMED");
    }

    @Test
    @Refuses(Refusal.INCONSISTENT_CHECKPOINT)
    void aConsistencyProofThatDoesNotVerifyIsRefused() {
        IncomingBatch valid = mx.batch(8, 12);
        List<byte[]> bogus = List.of(new byte[32], new byte[32]);
        assertRefusedAndNothingChanged(
                mxIdentity,
                new IncomingBatch(MX, valid.entries(), valid.checkpointNote(), bogus),
                "INCONSISTENT_CHECKPOINT");
    }

    @Test
    @Refuses(Refusal.UNKNOWN_TARGET)
    void aRevocationOfAnEntryThatDoesNotExistIsRefused() {
        TestLog withRetraction = new TestLog(MX, 1).append(12, "a").retract(99);
        assertRefusedAndNothingChanged(mxIdentity, withRetraction.batch(8, 13), "UNKNOWN_TARGET");
    }

    // --- helpers ---

    /** Sends {@code bytes} as one PushLog request message, as they are, and returns the refusal. */
    private StatusRuntimeException rawPush(TlsIdentity caller, byte[] bytes) {
        MethodDescriptor<byte[], PushLogResponse> raw = FederationServiceGrpc.getPushLogMethod().toBuilder(
                        new MethodDescriptor.Marshaller<byte[]>() {
                            @Override
                            public java.io.InputStream stream(byte[] value) {
                                return new java.io.ByteArrayInputStream(value);
                            }

                            @Override
                            public byte[] parse(java.io.InputStream stream) {
                                throw new UnsupportedOperationException();
                            }
                        },
                        ProtoUtils.marshaller(PushLogResponse.getDefaultInstance()))
                .build();
        CompletableFuture<PushLogResponse> answer = new CompletableFuture<>();
        StreamObserver<byte[]> requests = ClientCalls.asyncBidiStreamingCall(
                channel(caller).newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)),
                answering(answer));
        requests.onNext(bytes);
        requests.onCompleted();
        try {
            await(answer);
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the bytes were accepted");
    }

    private static byte[] signedBy(TestLog log, int size, byte[] root) {
        try {
            return NoteSigner.signNote(new Checkpoint(log.origin, size, root).toText(), List.of(log.signer))
                    .toBytes();
        } catch (org.tejido.ledger.note.NoteException e) {
            throw new IllegalStateException(e);
        }
    }

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

    /** The Tejido ErrorInfo reason of a refusal, or null when the status has none. */
    static String reason(StatusRuntimeException refusal) {
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
                .pushLog(answering(answer));
        for (LogBatch batch : batches) {
            requests.onNext(PushLogRequest.newBuilder().setBatch(batch).build());
        }
        requests.onCompleted();
        return await(answer);
    }

    /** Completes {@code answer} with the call's response, or with its error. */
    private static StreamObserver<PushLogResponse> answering(CompletableFuture<PushLogResponse> answer) {
        return new StreamObserver<>() {
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
        };
    }

    /** The call's response, or its status as thrown. */
    private static PushLogResponse await(CompletableFuture<PushLogResponse> answer) {
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
