package org.tejido.regional.intake;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.TlsIdentity;

/**
 * The aggregator's gRPC server: TLS 1.3 only, a client certificate from the federation CA required, on
 * loopback unless told otherwise. Messages over 4 MiB are refused by gRPC before they are read. Slow,
 * idle and greedy callers are bounded by {@link ConnectionLimits} (docs/federation-protocol.md section
 * 7): gRPC's own limits on handshakes, idle and old connections, pings, streams, headers and resets;
 * {@link CertificateLimits} per client certificate; {@link CallTimeLimit} per call.
 */
@Component
public class FederationServer implements SmartLifecycle {
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FederationServer.class);

    private final FederationEndpoint endpoint;
    private final TransportRefusals transportRefusals;
    private final boolean enabled;
    private final String address;
    private final int port;
    private final Path tlsDir;
    private final ConnectionLimits limits;
    private Server server;
    private CertificateLimits perCertificate;
    private CallTimeLimit callTimeLimit;

    FederationServer(
            FederationEndpoint endpoint,
            TransportRefusals transportRefusals,
            @Value("${tejido.federation.server.enabled:true}") boolean enabled,
            @Value("${tejido.federation.server.address:127.0.0.1}") String address,
            @Value("${tejido.federation.server.port:9443}") int port,
            @Value("${tejido.federation.tls-dir:${tejido.data-dir}/tls}") Path tlsDir,
            ConnectionLimits limits) {
        this.endpoint = endpoint;
        this.transportRefusals = transportRefusals;
        this.enabled = enabled;
        this.address = address;
        this.port = port;
        this.tlsDir = tlsDir;
        this.limits = limits;
    }

    @Override
    public synchronized void start() {
        if (!enabled) {
            return;
        }
        TlsIdentity identity = TlsIdentity.load(tlsDir);
        perCertificate = new CertificateLimits(limits.maxConnectionsPerCertificate(), limits.maxCallsPerCertificate());
        callTimeLimit = new CallTimeLimit(limits.maxCallDuration());
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
                    .sslContext(FederationTls.serverContext(identity))
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .addStreamTracerFactory(transportRefusals)
                    // TLS handshake, HTTP/2 preface and the client's first settings, from the TCP accept.
                    .handshakeTimeout(millis(limits.handshakeTimeout()), TimeUnit.MILLISECONDS)
                    .maxConnectionIdle(millis(limits.maxConnectionIdle()), TimeUnit.MILLISECONDS)
                    .maxConnectionAge(millis(limits.maxConnectionAge()), TimeUnit.MILLISECONDS)
                    .maxConnectionAgeGrace(millis(limits.maxConnectionAgeGrace()), TimeUnit.MILLISECONDS)
                    .keepAliveTime(millis(limits.keepAliveTime()), TimeUnit.MILLISECONDS)
                    .keepAliveTimeout(millis(limits.keepAliveTimeout()), TimeUnit.MILLISECONDS)
                    .permitKeepAliveTime(millis(limits.permitKeepAliveTime()), TimeUnit.MILLISECONDS)
                    .permitKeepAliveWithoutCalls(false)
                    .maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection())
                    .maxInboundMetadataSize(limits.maxInboundMetadataBytes())
                    .maxRstFramesPerWindow(
                            limits.maxStreamResets(),
                            Math.toIntExact(limits.streamResetWindow().toSeconds()))
                    .addTransportFilter(perCertificate)
                    // The last interceptor runs first: the certificate check, the per-certificate limits, then
                    // the call's time limit.
                    .addService(ServerInterceptors.intercept(
                            endpoint,
                            callTimeLimit,
                            perCertificate,
                            FederationTls.peerCertificateInterceptor(() -> RefusalStatus.of(
                                    Refusal.NO_CLIENT_CERTIFICATE, "no client certificate in the handshake", -1))))
                    .build()
                    .start();
        } catch (IOException e) {
            callTimeLimit.close();
            throw new UncheckedIOException("Cannot listen for federation on " + address + ":" + port, e);
        }
        log.info(
                "Federation endpoint listening on {}:{} (TLS 1.3, client certificates required; server key {})",
                address,
                server.getPort(),
                identity.fingerprint());
        log.info(
                "Federation connection limits: handshake {}, call {}, idle {}, age {} + grace {}, keepalive {}/{},"
                        + " {} calls per connection, {} calls and {} connections per certificate",
                limits.handshakeTimeout(),
                limits.maxCallDuration(),
                limits.maxConnectionIdle(),
                limits.maxConnectionAge(),
                limits.maxConnectionAgeGrace(),
                limits.keepAliveTime(),
                limits.keepAliveTimeout(),
                limits.maxConcurrentCallsPerConnection(),
                limits.maxCallsPerCertificate(),
                limits.maxConnectionsPerCertificate());
    }

    private static long millis(java.time.Duration duration) {
        return duration.toMillis();
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
            server = null;
            callTimeLimit.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Calls in progress for a client certificate's fingerprint, over all its connections (for tests). */
    synchronized int callsInProgress(String fingerprint) {
        return perCertificate == null ? 0 : perCertificate.calls(fingerprint);
    }

    /** The port actually bound (useful when configured as 0), or -1 when not running. */
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }
}
