package org.tejido.national.protection;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
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

    @Bean
    Protector protector(DataKeyStore keys) {
        return new AesGcmProtector(keys);
    }

    /**
     * Master-key rotation (docs/operations.md): when the previous master key is still configured, every
     * data key it wrapped is re-wrapped under the current one, in one transaction, at start-up.
     */
    @Bean
    ApplicationRunner rewrapDataKeys(
            @Value("${tejido.previous-master-key-file:${tejido.data-dir}/keys/master.key.previous}") Path previousFile,
            @Value("${TEJIDO_PREVIOUS_MASTER_KEY:}") String previousFromEnvironment,
            DataKeyStore keys,
            MasterKey current,
            TransactionTemplate transactions) {
        return args -> {
            if (previousFromEnvironment.isBlank() && !previousFile.toFile().exists()) {
                return;
            }
            MasterKey previous = MasterKey.load(previousFromEnvironment, previousFile);
            if (previous.id().equals(current.id())) {
                return;
            }
            Integer rewrapped = transactions.execute(status -> keys.rewrapFrom(previous));
            log.warn(
                    "Re-wrapped {} data keys from master key {} to {}; the previous master key can now be destroyed"
                            + " / {} claves de datos re-cifradas: ya puede destruir la clave maestra anterior",
                    rewrapped,
                    previous.id(),
                    current.id(),
                    rewrapped);
        };
    }
}
