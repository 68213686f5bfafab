package org.tejido.national.push;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.TlsIdentity;

/**
 * The gRPC channel to the regional aggregator ({@code tejido.federation.aggregator.address}). Over TLS
 * 1.3 with the node's client certificate in production; in clear only when
 * {@code tejido.federation.aggregator.plaintext=true}, which is for tests on loopback.
 */
public final class AggregatorChannel implements DisposableBean {
    /**
     * Answers are small (a size and notes of at most 8 KiB with their signature lines), so anything
     * larger from the aggregator is refused rather than buffered.
     */
    static final int MAX_INBOUND_MESSAGE = 64 * 1024;

    static final int MAX_INBOUND_METADATA = 16 * 1024;

    private final ManagedChannel channel;

    /**
     * @param tlsDir the node's TLS identity ({@code tls.key}, {@code tls.crt}, {@code ca.crt}; see
     *     docs/operations.md), used unless {@code plaintext}
     */
    public AggregatorChannel(String address, boolean plaintext, Path tlsDir) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(address)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE)
                .maxInboundMetadataSize(MAX_INBOUND_METADATA);
        if (plaintext) {
            // In clear only to this machine (tests): the log must never cross a network unencrypted.
            if (!isLoopback(address)) {
                throw new IllegalStateException("tejido.federation.aggregator.plaintext=true is only allowed for a"
                        + " loopback address / sin TLS solo hacia una dirección local (loopback): " + address);
            }
            builder.usePlaintext();
        } else {
            builder.sslContext(FederationTls.clientContext(TlsIdentity.load(tlsDir)));
        }
        this.channel = builder.build();
    }

    private static boolean isLoopback(String address) {
        String host = address.startsWith("dns:///") ? address.substring(7) : address;
        int colon = host.lastIndexOf(':');
        host = colon > 0 ? host.substring(0, colon) : host;
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void destroy() throws InterruptedException {
        channel.shutdown();
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
            channel.shutdownNow();
        }
    }
}
