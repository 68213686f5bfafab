package org.tejido.national.protection;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ProtectionConfig {
    private static final Logger log = LoggerFactory.getLogger(ProtectionConfig.class);

    @Bean
    MasterKey masterKey(
            @Value("${TEJIDO_MASTER_KEY:}") String fromEnvironment,
            @Value("${tejido.master-key-file:${tejido.data-dir}/keys/master.key}") Path file) {
        MasterKey key = MasterKey.load(fromEnvironment, file);
        log.info("Master key {} loaded from {}", key.id(), fromEnvironment.isBlank() ? file : "TEJIDO_MASTER_KEY");
        return key;
    }

    @Bean
    DataKeyStore dataKeyStore(JdbcTemplate jdbc, MasterKey masterKey) {
        return new DataKeyStore(jdbc, masterKey);
    }

    @Bean(destroyMethod = "close")
    DataKeyReserve dataKeyReserve(
            DataKeyStore keys,
            PlatformTransactionManager transactions,
            @Value("${tejido.data-keys.reserve-batch:1024}") int batchSize,
            MasterKeyCheck checked,
            MeterRegistry metrics) {
        DataKeyReserve reserve = new DataKeyReserve(keys, transactions, batchSize);
        FunctionCounter.builder("tejido.data.keys.created.in.command", reserve, DataKeyReserve::createdInCommands)
                .description("Data keys a command created itself because none was ready ahead of use")
                .register(metrics);
        return reserve;
    }

    @Bean
    Protector protector(DataKeyStore keys, DataKeyReserve reserve, MasterKeyCheck checked) {
        return new AesGcmProtector(keys, reserve);
    }

    /**
     * Before anything can read or seal (the web server and the processors start later): re-wrap the data
     * keys if a previous master key is configured (rotation, docs/operations.md), then refuse to start if
     * any data key is still wrapped by another master key: a missing or wrong master key must stop the
     * node with a clear reason, not turn every identifying field into an error.
     */
    @Bean
    @DependsOn("flywayInitializer")
    MasterKeyCheck masterKeyCheck(
            @Value("${tejido.previous-master-key-file:${tejido.data-dir}/keys/master.key.previous}") Path previousFile,
            @Value("${TEJIDO_PREVIOUS_MASTER_KEY:}") String previousFromEnvironment,
            DataKeyStore keys,
            MasterKey current,
            TransactionTemplate transactions) {
        if (!previousFromEnvironment.isBlank() || previousFile.toFile().exists()) {
            MasterKey previous = MasterKey.load(previousFromEnvironment, previousFile);
            if (!previous.id().equals(current.id())) {
                Integer rewrapped = transactions.execute(status -> keys.rewrapFrom(previous));
                log.warn(
                        "Re-wrapped {} data keys from master key {} to {}; the previous master key can now be"
                                + " destroyed / {} claves de datos re-cifradas: ya puede destruir la clave maestra"
                                + " anterior",
                        rewrapped,
                        previous.id(),
                        current.id(),
                        rewrapped);
            }
        }
        long foreign = keys.wrappedByOtherMasterKeys();
        if (foreign > 0) {
            throw new IllegalStateException(foreign + " data keys were wrapped by another master key than "
                    + current.id()
                    + ": the master key is missing or wrong (restore it, or configure the previous one for a"
                    + " rotation) / " + foreign + " claves de datos fueron cifradas con otra clave maestra: falta la"
                    + " clave maestra o no es la correcta");
        }
        return new MasterKeyCheck(current.id());
    }

    /** Marks that the master key was checked against the stored data keys. */
    record MasterKeyCheck(String masterKeyId) {}
}
