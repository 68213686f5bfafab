package org.tejido.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.GetLogStateResponse;
import org.tejido.platform.pki.FederationCa.Purpose;

/** Real TLS on loopback between a gRPC server and clients, with certificates of real CAs. */
class FederationTlsTest {
    @TempDir
    Path dir;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final AtomicReference<String> negotiatedProtocol = new AtomicReference<>();
    private final AtomicInteger served = new AtomicInteger();
    private FederationCa ca;
    private FederationCa otherCa;
    private Server server;

    /** Answers GetLogState with the fingerprint of the caller's certificate as the "checkpoint". */
    private final class EchoCaller extends FederationServiceGrpc.FederationServiceImplBase {
        @Override
        public void getLogState(GetLogStateRequest request, StreamObserver<GetLogStateResponse> responses) {
            served.incrementAndGet();
            String fingerprint =
                    Fingerprints.spkiSha256(FederationTls.PEER_CERTIFICATE.get().getPublicKey());
            responses.onNext(GetLogStateResponse.newBuilder()
                    .setCheckpointNote(ByteString.copyFromUtf8(fingerprint))
                    .build());
            responses.onCompleted();
        }
    }

    @BeforeEach
    void startAggregator() throws Exception {
        ca = FederationCa.create(dir.resolve("ca"), "Federation CA");
        otherCa = FederationCa.create(dir.resolve("other-ca"), "Another CA");
        TlsIdentity aggregator = TlsIdentity.create(
                dir.resolve("aggregator"), ca, "aggregator", Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        ServerInterceptor recordProtocol = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                FederationTls.session(call.getAttributes()).ifPresent(s -> negotiatedProtocol.set(s.getProtocol()));
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(FederationTls.serverContext(TlsIdentity.load(dir.resolve("aggregator"))))
                // The last interceptor given runs first.
                .addService(ServerInterceptors.intercept(
                        new EchoCaller(),
                        FederationTls.peerCertificateInterceptor(() -> Status.UNAUTHENTICATED
                                .withDescription("no certificate")
                                .asRuntimeException()),
                        recordProtocol))
                .build()
                .start();
        assertThat(aggregator.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @AfterEach
    void shutDown() throws Exception {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aNodeWithACertificateOfTheFederationCaIsServedOverTls13AndRecognizedByItsKey() {
        // given
        TlsIdentity node =
                TlsIdentity.create(dir.resolve("mx"), ca, "mx.example", Purpose.NODE, Duration.ofDays(1), List.of());

        // when
        GetLogStateResponse response = call(FederationTls.clientContext(TlsIdentity.load(dir.resolve("mx"))));

        // then
        assertThat(response.getCheckpointNote().toString(StandardCharsets.UTF_8))
                .isEqualTo(node.fingerprint());
        assertThat(negotiatedProtocol.get()).isEqualTo("TLSv1.3");
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        // given a client that trusts the federation CA but presents no certificate
        SslContext anonymous = GrpcSslContexts.forClient()
                .trustManager(ca.certificate())
                .protocols(FederationTls.TLS_1_3)
                .build();

        // when / then: the handshake completes, the call is refused before the service
        assertThatThrownBy(() -> call(anonymous))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThat(served).hasValue(0);
    }

    @Test
    void aClientWithACertificateOfAnotherCaIsRefused() throws Exception {
        // given a node certified by another CA that trusts the federation CA (so only the server can refuse)
        TlsIdentity foreign =
                TlsIdentity.create(dir.resolve("xx"), otherCa, "xx", Purpose.NODE, Duration.ofDays(1), List.of());
        SslContext client = GrpcSslContexts.forClient()
                .keyManager(foreign.key(), foreign.certificate())
                .trustManager(ca.certificate())
                .protocols(FederationTls.TLS_1_3)
                .build();

        // when / then: refused in the handshake, or (TLS providers differ on a certificate that was only
        // requested) the session carries no verified certificate and the call is refused before the service
        assertThatThrownBy(() -> call(client))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode())
                                .isIn(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED));
        assertThat(served).hasValue(0);
    }

    @Test
    void aClientRefusesAServerItsCaDidNotCertify() {
        // given a node of another federation: its CA did not certify this aggregator
        TlsIdentity.create(dir.resolve("xx"), otherCa, "xx", Purpose.NODE, Duration.ofDays(1), List.of());

        // when / then
        assertUnavailable(FederationTls.clientContext(TlsIdentity.load(dir.resolve("xx"))));
    }

    @Test
    void aServerCertificateCannotBeUsedAsAClientCertificate() {
        // given the aggregator's own identity used as a client (extendedKeyUsage serverAuth only)
        TlsIdentity.create(dir.resolve("fake"), ca, "fake", Purpose.AGGREGATOR, Duration.ofDays(1), List.of());

        // when / then
        assertUnavailable(FederationTls.clientContext(TlsIdentity.load(dir.resolve("fake"))));
    }

    private GetLogStateResponse call(SslContext client) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .sslContext(client)
                .build();
        channels.add(channel);
        return FederationServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getLogState(GetLogStateRequest.newBuilder()
                        .setOrigin("mx.example/MX/v1")
                        .build());
    }

    private void assertUnavailable(SslContext client) {
        assertThatThrownBy(() -> call(client))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(negotiatedProtocol.get()).as("no call reached the service").isNull();
    }
}
