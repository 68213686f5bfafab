package org.tejido.regional.intake;

import io.grpc.Attributes;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.Fingerprints;
import org.tejido.regional.enrollment.EnrolledNode;
import org.tejido.regional.enrollment.Enrollments;

/**
 * Refusals the gRPC library makes before the endpoint sees a message (a message over the 4 MiB limit):
 * logged as security events and, for an enrolled caller, kept as a refusal on its origin's ledger like
 * every other refusal.
 */
@Component
class TransportRefusals extends ServerStreamTracer.Factory {
    private static final Logger log = LoggerFactory.getLogger(TransportRefusals.class);
    // The deframer's own wording; the endpoint's RESOURCE_EXHAUSTED refusals never use it.
    private static final String OVERSIZED = "gRPC message exceeds maximum size";

    private final Enrollments enrollments;
    private final CommandGateway commands;

    TransportRefusals(Enrollments enrollments, CommandGateway commands) {
        this.enrollments = enrollments;
        this.commands = commands;
    }

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, io.grpc.Metadata headers) {
        return new ServerStreamTracer() {
            private volatile Attributes attributes = Attributes.EMPTY;

            @Override
            public void serverCallStarted(ServerCallInfo<?, ?> callInfo) {
                attributes = callInfo.getAttributes();
            }

            @Override
            public void streamClosed(Status status) {
                if (status.getCode() != Status.Code.RESOURCE_EXHAUSTED
                        || status.getDescription() == null
                        || !status.getDescription().startsWith(OVERSIZED)) {
                    return;
                }
                String caller = FederationTls.peerCertificate(attributes)
                        .map(X509Certificate::getPublicKey)
                        .map(Fingerprints::spkiSha256)
                        .orElse(null);
                log.warn("SECURITY federation message over the size limit refused: caller={}", caller);
                Optional<EnrolledNode> node = caller == null ? Optional.empty() : enrollments.byFingerprint(caller);
                node.ifPresent(n -> commands.send(new RecordRefusedCallCommand(
                        n.origin(), Refusal.TOO_LARGE, "message over 4 MiB refused by the transport", -1, 0, caller)));
            }
        };
    }
}
