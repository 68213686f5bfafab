package org.tejido.regional.intake;

import io.grpc.Attributes;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.StatusRuntimeException;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.Fingerprints;

/**
 * Per client certificate, counted by the fingerprint of its public key: at most {@code maxConnections}
 * connections and {@code maxCalls} calls in progress over all of them. gRPC has no per-peer limits of
 * its own, so this is two hooks of its public API:
 *
 * <ul>
 *   <li>as a {@link ServerTransportFilter}, it counts a connection once the client's HTTP/2 settings
 *       arrive (the TLS handshake is done, so its certificate is known) until it closes. A connection
 *       beyond the limit is not counted but marked: gRPC gives no way to close it from here, so every
 *       call on it is refused, and the server's idle limit closes it;
 *   <li>as a {@link ServerInterceptor}, placed after the one that refuses calls without a certificate,
 *       it refuses the calls of a marked connection ({@code TOO_MANY_CONNECTIONS}) and a call beyond
 *       the certificate's limit ({@code TOO_MANY_CALLS}), before any message is read; a call counts
 *       until it completes or is cancelled.
 * </ul>
 *
 * Each refusal is a security event naming the fingerprint. A connection without a certificate is not
 * counted here (its calls are refused anyway); before its handshake a connection has no certificate
 * and is bound by the handshake timeout.
 */
final class CertificateLimits extends ServerTransportFilter implements ServerInterceptor {
    /** On a counted connection's attributes: the fingerprint it is counted under. */
    static final Attributes.Key<String> COUNTED = Attributes.Key.create("tejido-federation-counted-connection");
    /** On the attributes of a connection beyond the limit: the fingerprint whose limit it exceeds. */
    static final Attributes.Key<String> OVER_LIMIT = Attributes.Key.create("tejido-federation-excess-connection");

    private static final Logger log = LoggerFactory.getLogger(CertificateLimits.class);

    private final int maxConnections;
    private final int maxCalls;
    private final ConcurrentHashMap<String, Integer> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> calls = new ConcurrentHashMap<>();

    CertificateLimits(int maxConnections, int maxCalls) {
        this.maxConnections = maxConnections;
        this.maxCalls = maxCalls;
    }

    // ---- connections ----

    @Override
    public Attributes transportReady(Attributes attributes) {
        String caller = fingerprint(attributes);
        if (caller == null) {
            return attributes;
        }
        if (!acquire(connections, caller, maxConnections)) {
            log.warn(
                    "SECURITY federation connection over the per-certificate limit, its calls refused: caller={}"
                            + " limit={}",
                    caller,
                    maxConnections);
            return attributes.toBuilder().set(OVER_LIMIT, caller).build();
        }
        return attributes.toBuilder().set(COUNTED, caller).build();
    }

    @Override
    public void transportTerminated(Attributes attributes) {
        // Null when the connection closed before it was ready (handshake failed or timed out).
        String caller = attributes == null ? null : attributes.get(COUNTED);
        if (caller != null) {
            release(connections, caller);
        }
    }

    // ---- calls ----

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Attributes attributes = call.getAttributes();
        String excess = attributes.get(OVER_LIMIT);
        if (excess != null) {
            return refuse(call, Refusal.TOO_MANY_CONNECTIONS, excess, maxConnections, "connections");
        }
        String caller = fingerprint(attributes);
        if (caller == null) {
            // Refused before this by the certificate check; never counted under no one.
            return next.startCall(call, headers);
        }
        if (!acquire(calls, caller, maxCalls)) {
            return refuse(call, Refusal.TOO_MANY_CALLS, caller, maxCalls, "calls");
        }
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                release(calls, caller);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(call, headers);
        } catch (RuntimeException e) {
            end.run();
            throw e;
        }
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    end.run();
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    end.run();
                }
            }
        };
    }

    /** Calls in progress now for this fingerprint (for tests). */
    int calls(String caller) {
        return calls.getOrDefault(caller, 0);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(
            ServerCall<Q, R> call, Refusal reason, String caller, int limit, String what) {
        log.warn(
                "SECURITY federation call refused, too many {} for one certificate: caller={} limit={} method={}",
                what,
                caller,
                limit,
                call.getMethodDescriptor().getFullMethodName());
        StatusRuntimeException refused =
                RefusalStatus.of(reason, "at most " + limit + " " + what + " per certificate", -1);
        Metadata trailers = refused.getTrailers();
        call.close(refused.getStatus(), trailers == null ? new Metadata() : trailers);
        return new ServerCall.Listener<>() {};
    }

    /** Counts one more for {@code caller} unless it already has {@code limit}. */
    private static boolean acquire(ConcurrentHashMap<String, Integer> counts, String caller, int limit) {
        boolean[] acquired = {false};
        counts.compute(caller, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            acquired[0] = true;
            return now + 1;
        });
        return acquired[0];
    }

    private static void release(ConcurrentHashMap<String, Integer> counts, String caller) {
        counts.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static String fingerprint(Attributes attributes) {
        return FederationTls.peerCertificate(attributes)
                .map(X509Certificate::getPublicKey)
                .map(Fingerprints::spkiSha256)
                .orElse(null);
    }
}
