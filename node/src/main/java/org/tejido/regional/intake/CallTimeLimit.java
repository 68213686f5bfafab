package org.tejido.regional.intake;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.Fingerprints;

/**
 * Ends every call that lasts longer than the limit with {@code DEADLINE_EXCEEDED}, whatever deadline
 * the client set (or none). gRPC ends a call at the client's deadline only, and a client need not set
 * one; and its idle limit, once it starts closing a connection, waits without end for the streams
 * that slipped in meanwhile, which the connection's age then no longer bounds either. This bounds them.
 *
 * <p>The call is closed from a timer thread, so every method of the call the service sees goes
 * through a wrapper that holds a lock: the timer's close never runs beside the service's own, and
 * whatever the service sends after it is dropped (its batches stored by then stay stored; the node
 * resumes from GetLogState).
 */
final class CallTimeLimit implements ServerInterceptor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallTimeLimit.class);

    private final Duration limit;
    private final ScheduledThreadPoolExecutor timer;

    CallTimeLimit(Duration limit) {
        this.limit = limit;
        this.timer = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "federation-call-time-limit");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        LimitedCall<Q, R> limited = new LimitedCall<>(call);
        ScheduledFuture<?> expiry = timer.schedule(limited::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(limited, headers);
        } catch (RuntimeException e) {
            expiry.cancel(false);
            throw e;
        }
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    expiry.cancel(false);
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    expiry.cancel(false);
                }
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The call as the service sees it: one method at a time, nothing after it is closed. */
    private final class LimitedCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private boolean closed;

        LimitedCall(ServerCall<Q, R> call) {
            super(call);
        }

        synchronized void expire() {
            if (closed) {
                return;
            }
            closed = true;
            String caller = FederationTls.peerCertificate(getAttributes())
                    .map(X509Certificate::getPublicKey)
                    .map(Fingerprints::spkiSha256)
                    .orElse(null);
            log.warn(
                    "SECURITY federation call ended at the maximum call duration: caller={} limit={} method={}",
                    caller,
                    limit,
                    getMethodDescriptor().getFullMethodName());
            super.close(
                    Status.DEADLINE_EXCEEDED.withDescription(
                            "call longer than the aggregator's maximum of " + limit.toSeconds() + " s"),
                    new Metadata());
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void request(int numMessages) {
            if (!closed) {
                super.request(numMessages);
            }
        }

        @Override
        public synchronized boolean isReady() {
            return !closed && super.isReady();
        }

        @Override
        public synchronized void setMessageCompression(boolean enabled) {
            super.setMessageCompression(enabled);
        }

        @Override
        public synchronized void setCompression(String compressor) {
            super.setCompression(compressor);
        }
    }
}
