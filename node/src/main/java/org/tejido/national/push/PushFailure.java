package org.tejido.national.push;

import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Why a call to the aggregator failed, read from its gRPC status: a refusal by the aggregator (a
 * {@code google.rpc.ErrorInfo} of domain {@code federation.tejido.org}, docs/federation-protocol.md
 * section 6), or a failure of the transport or of the library (no ErrorInfo).
 *
 * @param status the gRPC status code
 * @param reason the refusal reason (e.g. {@code CHAIN_BROKEN}), or null for a transport failure
 * @param code the detailed code of the refusal's metadata (e.g. {@code chain.index_gap}), or null
 * @param storedSize the aggregator's stored size carried by the refusal, when it carries one
 */
record PushFailure(Status.Code status, String reason, String code, OptionalLong storedSize) {
    static final String DOMAIN = "federation.tejido.org";

    /** Refusals after which the node resumes at once from the aggregator's stored size. */
    private static final Set<String> RESUME = Set.of("CHAIN_BROKEN");

    /** Refusals that say the aggregator could not store: retried with back-off like the transport. */
    private static final Set<String> TRANSIENT = Set.of("STORAGE_UNAVAILABLE");

    static PushFailure of(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        if (details != null) {
            for (com.google.protobuf.Any any : details.getDetailsList()) {
                if (!any.is(ErrorInfo.class)) {
                    continue;
                }
                try {
                    ErrorInfo info = any.unpack(ErrorInfo.class);
                    if (DOMAIN.equals(info.getDomain())) {
                        return new PushFailure(
                                status.getCode(),
                                info.getReason(),
                                info.getMetadataOrDefault("code", null),
                                parseSize(info.getMetadataOrDefault("stored_size", null)));
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    break; // unreadable details: treated as a failure of the transport
                }
            }
        }
        return new PushFailure(status.getCode(), null, null, OptionalLong.empty());
    }

    boolean isRefusal() {
        return reason != null;
    }

    /** The protocol says to resume from GetLogState at once (once; a recurrence is not transient). */
    boolean resumesAtOnce() {
        return isRefusal() && RESUME.contains(reason);
    }

    /** The aggregator or the network may recover by itself: back off and try again. */
    boolean isTransient() {
        return isRefusal() ? TRANSIENT.contains(reason) : status != Status.Code.OK;
    }

    /** For metrics and logs: the refusal reason, or the status code of a transport failure. */
    String label() {
        return isRefusal() ? reason : status.name();
    }

    private static OptionalLong parseSize(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long size = Long.parseUnsignedLong(value);
            return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
