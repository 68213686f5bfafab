package org.tejido.national.push;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** A fake aggregator served in process, and a channel to it that may exist before the server does. */
final class InProcessAggregator implements AutoCloseable {
    final FakeAggregator service;
    private final String name = InProcessServerBuilder.generateName();
    private final ManagedChannel channel;
    private Server server;

    private InProcessAggregator(FakeAggregator service) {
        this.service = service;
        this.channel = InProcessChannelBuilder.forName(name).build();
    }

    static InProcessAggregator running(FakeAggregator service) {
        return new InProcessAggregator(service).start();
    }

    /** The channel works, but nothing answers until {@link #start()}: an aggregator that is down. */
    static InProcessAggregator down(FakeAggregator service) {
        return new InProcessAggregator(service);
    }

    InProcessAggregator start() {
        try {
            server = InProcessServerBuilder.forName(name)
                    .addService(service)
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
