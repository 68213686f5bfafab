package org.tejido.national.push;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

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

    public AggregatorChannel(String address, boolean plaintext) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(address)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE)
                .maxInboundMetadataSize(MAX_INBOUND_METADATA);
        if (plaintext) {
            builder.usePlaintext();
        } else {
            // ==== TLS: the single place where the client context is plugged in, at merge time: ====
            // builder.sslContext(FederationTls.clientContext(tlsIdentity));
            // Until then, refuse to start rather than send the log in clear.
            throw new IllegalStateException("TLS to the aggregator is not available in this build: set"
                    + " tejido.federation.aggregator.plaintext=true only for tests, or leave"
                    + " tejido.federation.aggregator.address unset / TLS hacia el agregador no disponible");
        }
        this.channel = builder.build();
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
