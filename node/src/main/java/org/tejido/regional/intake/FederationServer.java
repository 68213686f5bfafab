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
 * loopback unless told otherwise. Messages over 4 MiB are refused by gRPC before they are read.
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
    private Server server;

    FederationServer(
            FederationEndpoint endpoint,
            TransportRefusals transportRefusals,
            @Value("${tejido.federation.server.enabled:true}") boolean enabled,
            @Value("${tejido.federation.server.address:127.0.0.1}") String address,
            @Value("${tejido.federation.server.port:9443}") int port,
            @Value("${tejido.federation.tls-dir:${tejido.data-dir}/tls}") Path tlsDir) {
        this.endpoint = endpoint;
        this.transportRefusals = transportRefusals;
        this.enabled = enabled;
        this.address = address;
        this.port = port;
        this.tlsDir = tlsDir;
    }

    @Override
    public synchronized void start() {
        if (!enabled) {
            return;
        }
        TlsIdentity identity = TlsIdentity.load(tlsDir);
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
                    .sslContext(FederationTls.serverContext(identity))
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .addStreamTracerFactory(transportRefusals)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .addService(ServerInterceptors.intercept(
                            endpoint,
                            FederationTls.peerCertificateInterceptor(() -> RefusalStatus.of(
                                    Refusal.NO_CLIENT_CERTIFICATE, "no client certificate in the handshake", -1))))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for federation on " + address + ":" + port, e);
        }
        log.info(
                "Federation endpoint listening on {}:{} (TLS 1.3, client certificates required; server key {})",
                address,
                server.getPort(),
                identity.fingerprint());
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
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port actually bound (useful when configured as 0), or -1 when not running. */
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }
}
