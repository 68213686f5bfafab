package org.tejido.national.protection;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.platform.startup.StartupRefusal;

@Configuration(proxyBeanMethods = false)
class ProtectionConfig {
    private static final Logger log = LoggerFactory.getLogger(ProtectionConfig.class);

    /**
     * The master key, created when there is none only on a first start, or for a rotation (every data key
     * wrapped by the previous key): otherwise the data keys were wrapped by a key that is missing, and a
     * new one would leave every identifying field unreadable while looking like a fresh start.
     */
    @Bean
    @DependsOn("flywayInitializer")
    MasterKey masterKey(
            @Value("${TEJIDO_MASTER_KEY:}") String fromEnvironment,
            @Value("${tejido.master-key-file:${tejido.data-dir}/keys/master.key}") Path file,
            @Value("${tejido.previous-master-key-file:${tejido.data-dir}/keys/master.key.previous}") Path previousFile,
            @Value("${TEJIDO_PREVIOUS_MASTER_KEY:}") String previousFromEnvironment,
            JdbcTemplate jdbc) {
        if (fromEnvironment.isBlank() && !Files.exists(file)) {
            Optional<MasterKey> previous = previousKey(previousFromEnvironment, previousFile);
            long wrapped = previous.isPresent()
                    ? jdbc.queryForObject(
                            "SELECT count(*) FROM data_key WHERE master_key_id <> ?",
                            Long.class,
                            previous.get().id())
                    : jdbc.queryForObject("SELECT count(*) FROM data_key", Long.class);
            if (wrapped > 0) {
                throw new StartupRefusal(
                        "The master key " + file + " is missing, and " + wrapped + " data keys were wrapped by one"
                                + " / falta la clave maestra " + file + ", y " + wrapped + " claves de datos fueron"
                                + " cifradas con una.",
                        "Restore master.key from its offline copy, or set TEJIDO_MASTER_KEY (docs/operations.md,"
                                + " \"The master key\") / restaure master.key desde su copia fuera de línea, o"
                                + " defina TEJIDO_MASTER_KEY.",
                        StartupRefusal.CONFIGURATION);
            }
        }
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
        Optional<MasterKey> configured = previousKey(previousFromEnvironment, previousFile);
        if (configured.isPresent()) {
            MasterKey previous = configured.get();
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
            throw new StartupRefusal(
                    foreign + " data keys were wrapped by another master key than " + current.id()
                            + ": the master key is wrong / " + foreign + " claves de datos fueron cifradas con otra"
                            + " clave maestra: la clave maestra no es la correcta.",
                    "Restore the right master.key from its offline copy, or configure the previous one for a"
                            + " rotation (docs/operations.md) / restaure la clave maestra correcta, o configure la"
                            + " anterior para una rotación.",
                    StartupRefusal.CONFIGURATION);
        }
        return new MasterKeyCheck(current.id());
    }

    private static Optional<MasterKey> previousKey(String fromEnvironment, Path file) {
        return !fromEnvironment.isBlank() || Files.exists(file)
                ? Optional.of(MasterKey.load(fromEnvironment, file))
                : Optional.empty();
    }

    /** Marks that the master key was checked against the stored data keys. */
    record MasterKeyCheck(String masterKeyId) {}
}
