package org.tejido.regional.intake;

import java.time.Duration;

/**
 * How long and how much a caller may hold of the aggregator's gRPC server (properties
 * {@code tejido.federation.server.*}; values, defaults and reasons in docs/federation-protocol.md
 * section 7, "Connection limits"). The defaults leave room for what a real node does: one call at a
 * time, a {@code GetLogState} every second or so, a {@code PushLog} of up to 64 batches within its
 * 60 s deadline.
 *
 * @param handshakeTimeout from the TCP connection to the client's first HTTP/2 SETTINGS (TLS handshake
 *     and HTTP/2 preface included); a connection that has not got there is closed
 * @param maxCallDuration a call still running after this long is ended ({@code DEADLINE_EXCEEDED}),
 *     whatever deadline its client set; longer than a node's push deadline
 * @param maxConnectionIdle a connection without any call for this long is closed (GOAWAY)
 * @param maxConnectionAge a connection this old is told to go away (GOAWAY; gRPC adds ±10% jitter)
 * @param maxConnectionAgeGrace the calls still running on a connection past its age get this long,
 *     then the connection is closed; longer than a node's push deadline
 * @param keepAliveTime the server pings a connection it has heard nothing from for this long
 * @param keepAliveTimeout and closes it if the ping is not answered within this
 * @param permitKeepAliveTime the shortest interval between the client's pings while it has calls; a
 *     client pinging faster (or at all while it has none) is told to go away
 * @param maxConcurrentCallsPerConnection HTTP/2 streams a connection may have open at once
 * @param maxCallsPerCertificate calls one client certificate may have in progress, over all its
 *     connections; more are refused as {@code TOO_MANY_CALLS}
 * @param maxConnectionsPerCertificate connections one client certificate may hold; the calls of any
 *     further connection are refused as {@code TOO_MANY_CONNECTIONS}, and it is closed once idle
 * @param maxInboundMetadataBytes the largest header (metadata) block of a call
 * @param maxStreamResets RST_STREAM frames a connection may send per {@code streamResetWindow}; a
 *     connection sending more is closed ("rapid reset")
 * @param streamResetWindow the window of {@code maxStreamResets}, in whole seconds
 */
public record ConnectionLimits(
        Duration handshakeTimeout,
        Duration maxCallDuration,
        Duration maxConnectionIdle,
        Duration maxConnectionAge,
        Duration maxConnectionAgeGrace,
        Duration keepAliveTime,
        Duration keepAliveTimeout,
        Duration permitKeepAliveTime,
        int maxConcurrentCallsPerConnection,
        int maxCallsPerCertificate,
        int maxConnectionsPerCertificate,
        int maxInboundMetadataBytes,
        int maxStreamResets,
        Duration streamResetWindow) {

    public ConnectionLimits {
        for (Duration d : new Duration[] {
            handshakeTimeout,
            maxCallDuration,
            maxConnectionIdle,
            maxConnectionAge,
            keepAliveTime,
            keepAliveTimeout,
            permitKeepAliveTime,
            streamResetWindow
        }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("tejido.federation.server: durations must be positive");
            }
        }
        if (maxConnectionAgeGrace == null || maxConnectionAgeGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "tejido.federation.server.max-connection-age-grace must not be negative");
        }
        if (streamResetWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("tejido.federation.server.stream-reset-window must be 1 s or more");
        }
        if (maxConcurrentCallsPerConnection < 1
                || maxCallsPerCertificate < 1
                || maxConnectionsPerCertificate < 1
                || maxInboundMetadataBytes < 1
                || maxStreamResets < 1) {
            throw new IllegalArgumentException("tejido.federation.server: counts and sizes must be positive");
        }
    }

    /** The defaults of docs/federation-protocol.md section 7. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                Duration.ofMinutes(2),
                Duration.ofMinutes(5),
                Duration.ofSeconds(90),
                Duration.ofMinutes(1),
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                4,
                4,
                4,
                8 * 1024,
                100,
                Duration.ofSeconds(10));
    }
}
