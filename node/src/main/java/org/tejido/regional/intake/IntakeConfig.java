package org.tejido.regional.intake;

import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class IntakeConfig {
    /** Keeps each origin's ledger in memory between batches (see {@link OriginLedgerCache}). */
    @Bean
    Cache originLedgerCache() {
        return new OriginLedgerCache();
    }

    /** The gRPC server's bounds on connections and calls (docs/federation-protocol.md section 7). */
    @Bean
    ConnectionLimits connectionLimits(
            @Value("${tejido.federation.server.handshake-timeout:PT10S}") Duration handshakeTimeout,
            @Value("${tejido.federation.server.max-call-duration:PT2M}") Duration maxCallDuration,
            @Value("${tejido.federation.server.max-connection-idle:PT2M}") Duration maxConnectionIdle,
            @Value("${tejido.federation.server.max-connection-age:PT5M}") Duration maxConnectionAge,
            @Value("${tejido.federation.server.max-connection-age-grace:PT90S}") Duration maxConnectionAgeGrace,
            @Value("${tejido.federation.server.keep-alive-time:PT1M}") Duration keepAliveTime,
            @Value("${tejido.federation.server.keep-alive-timeout:PT20S}") Duration keepAliveTimeout,
            @Value("${tejido.federation.server.permit-keep-alive-time:PT10S}") Duration permitKeepAliveTime,
            @Value("${tejido.federation.server.max-concurrent-calls-per-connection:4}") int callsPerConnection,
            @Value("${tejido.federation.server.max-calls-per-certificate:4}") int callsPerCertificate,
            @Value("${tejido.federation.server.max-connections-per-certificate:4}") int connectionsPerCertificate,
            @Value("${tejido.federation.server.max-inbound-metadata-size:8KB}") DataSize maxInboundMetadata,
            @Value("${tejido.federation.server.max-stream-resets:100}") int maxStreamResets,
            @Value("${tejido.federation.server.stream-reset-window:PT10S}") Duration streamResetWindow) {
        return new ConnectionLimits(
                handshakeTimeout,
                maxCallDuration,
                maxConnectionIdle,
                maxConnectionAge,
                maxConnectionAgeGrace,
                keepAliveTime,
                keepAliveTimeout,
                permitKeepAliveTime,
                callsPerConnection,
                callsPerCertificate,
                connectionsPerCertificate,
                Math.toIntExact(maxInboundMetadata.toBytes()),
                maxStreamResets,
                streamResetWindow);
    }
}
