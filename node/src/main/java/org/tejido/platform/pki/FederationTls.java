package org.tejido.platform.pki;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of the federation's gRPC channel: TLS 1.3 only, both sides authenticated by certificates of
 * the federation CA and trusting nothing else (no system trust store). Older TLS versions are not
 * needed (both ends are ours) and TLS 1.3 encrypts the client's certificate, so an observer of the
 * network does not learn which node is talking.
 *
 * <p>Mutual TLS proves only that a peer holds a key certified by the federation; which origin it may
 * push is decided by the enrolled fingerprint of that key ({@link #peerCertificate}, {@link
 * Fingerprints}).
 */
public final class FederationTls {
    public static final String TLS_1_3 = "TLSv1.3";

    /** The caller's certificate in the gRPC context of a call, set by {@link #peerCertificateInterceptor()}. */
    public static final Context.Key<X509Certificate> PEER_CERTIFICATE = Context.key("tejido-federation-peer");

    private static final Logger log = LoggerFactory.getLogger(FederationTls.class);

    private FederationTls() {}

    /**
     * The aggregator's side: presents its certificate and asks for one from the federation CA. A
     * certificate of anyone else fails the handshake (and is logged, {@link RefusalLoggingTrustManager}).
     * A client that presents none completes the handshake and every call it makes is refused by {@link
     * #peerCertificateInterceptor} with a stable error and a security event: refused in the handshake,
     * it would have left no trace and only a transport error.
     */
    public static SslContext serverContext(TlsIdentity identity) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(identity.key(), identity.certificate()))
                    .trustManager(RefusalLoggingTrustManager.trusting(identity.trustedCa()))
                    .clientAuth(ClientAuth.OPTIONAL)
                    .protocols(TLS_1_3)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the federation server TLS context", e);
        }
    }

    /** A node's side: presents its certificate and accepts only a server certified by the federation CA. */
    public static SslContext clientContext(TlsIdentity identity) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient())
                    .keyManager(identity.key(), identity.certificate())
                    .trustManager(identity.trustedCa())
                    .protocols(TLS_1_3)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the federation client TLS context", e);
        }
    }

    /** The TLS session of a call, from {@code ServerCall#getAttributes()}; empty on a plaintext transport. */
    public static Optional<SSLSession> session(Attributes attributes) {
        return Optional.ofNullable(attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    }

    /** The certificate the peer presented in the handshake, if the transport is TLS and it presented one. */
    public static Optional<X509Certificate> peerCertificate(Attributes attributes) {
        return session(attributes).flatMap(session -> {
            try {
                Certificate[] chain = session.getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                        ? Optional.of(leaf)
                        : Optional.empty();
            } catch (SSLPeerUnverifiedException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Puts the caller's certificate into the call's context ({@link #PEER_CERTIFICATE}), and closes every
     * call that has none (a client that presented no certificate, or a server wired by mistake without
     * TLS) with the refusal the service gives for it, logged as a security event.
     */
    public static ServerInterceptor peerCertificateInterceptor(Supplier<StatusRuntimeException> refusal) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                Optional<X509Certificate> peer = peerCertificate(call.getAttributes());
                if (peer.isEmpty()) {
                    log.warn(
                            "SECURITY federation call without a client certificate refused: method={}",
                            call.getMethodDescriptor().getFullMethodName());
                    StatusRuntimeException refused = refusal.get();
                    Metadata trailers = refused.getTrailers();
                    call.close(refused.getStatus(), trailers == null ? new Metadata() : trailers);
                    return new ServerCall.Listener<>() {};
                }
                return Contexts.interceptCall(
                        Context.current().withValue(PEER_CERTIFICATE, peer.get()), call, headers, next);
            }
        };
    }
}
