package org.tejido.national.push;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.WitnessKey;
import org.tejido.national.sharing.LogIdentity;

/**
 * The push to the aggregator, present only when {@code tejido.federation.aggregator.address} is set:
 * a node without an aggregator records and signs its log all the same, it just does not send it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("tejido.federation.aggregator.address")
class LogPushConfig {
    private static final Logger log = LoggerFactory.getLogger(LogPushConfig.class);

    @Bean
    AggregatorChannel aggregatorChannel(
            @Value("${tejido.federation.aggregator.address}") String address,
            @Value("${tejido.federation.aggregator.plaintext:false}") boolean plaintext,
            @Value("${tejido.federation.tls-dir:${tejido.data-dir}/tls}") Path tlsDir) {
        return new AggregatorChannel(address, plaintext, tlsDir);
    }

    @Bean
    PushSettings pushSettings(
            @Value("${tejido.federation.push.batch-size:256}") int batchSize,
            @Value("${tejido.federation.push.batches-per-stream:64}") int batchesPerStream,
            @Value("${tejido.federation.push.interval:PT1S}") Duration interval,
            @Value("${tejido.federation.push.initial-backoff:PT0.2S}") Duration initialBackoff,
            @Value("${tejido.federation.push.max-backoff:PT30S}") Duration maxBackoff,
            @Value("${tejido.federation.push.deadline:PT60S}") Duration pushDeadline,
            @Value("${tejido.federation.push.state-deadline:PT10S}") Duration stateDeadline) {
        return new PushSettings(
                batchSize, batchesPerStream, interval, initialBackoff, maxBackoff, pushDeadline, stateDeadline);
    }

    @Bean
    LogPusher logPusher(
            AggregatorChannel channel,
            LogIdentity identity,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            PushSettings settings,
            @Value("${tejido.federation.witness-key:}") String witnessKey,
            MeterRegistry registry) {
        return LogPusher.onDatabase(
                channel.channel(), identity, jdbc, transactions, clock, settings, witness(witnessKey), registry);
    }

    /**
     * The aggregator's witness key, as it logs it at start-up. Without one the node still pushes, and
     * keeps the cosigned checkpoints unchecked; it says so at start-up.
     */
    private static Optional<WitnessKey> witness(String text) {
        if (text.isBlank()) {
            log.warn("tejido.federation.witness-key is not set: the aggregator's cosignatures are kept without"
                    + " being verified / sin tejido.federation.witness-key las cofirmas del agregador no se"
                    + " verifican");
            return Optional.empty();
        }
        try {
            return Optional.of(WitnessKey.parse(text.strip()));
        } catch (NoteException e) {
            throw new IllegalStateException("tejido.federation.witness-key is not a witness key (type 0x04): "
                    + e.getMessage() + " / tejido.federation.witness-key no es una clave de testigo");
        }
    }
}
