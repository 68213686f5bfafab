package org.tejido.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup default: an embedded PostgreSQL whose data directory survives restarts. Configuring
 * {@code spring.datasource.url} switches to an external PostgreSQL and this class steps aside.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "__never__", matchIfMissing = true)
class EmbeddedDatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);
    static final String DEFAULT_MAX_WAL_SIZE = "4GB";

    /**
     * @param attachToRunning set by the users command: when a node is running on this data directory,
     *     use its PostgreSQL instead of refusing, so users can be managed without stopping the node
     */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(
            @Value("${tejido.data-dir}") Path dataDir,
            @Value("${tejido.embedded-db.port:0}") int port,
            @Value("${tejido.embedded-db.attach-to-running:false}") boolean attachToRunning,
            @Value("${tejido.embedded-db.max-wal-size:" + DEFAULT_MAX_WAL_SIZE + "}") String maxWalSize)
            throws IOException {
        if (attachToRunning) {
            var running =
                    StalePostmaster.runningNodePort(dataDir.resolve("pgdata").toAbsolutePath());
            if (running.isPresent()) {
                return EmbeddedDatabase.attached(running.get());
            }
        }
        Optional<EmbeddedPostgres> early = EarlyEmbeddedStart.take(dataDir);
        return EmbeddedDatabase.started(early.isPresent() ? early.get() : start(dataDir, port, maxWalSize));
    }

    static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, DEFAULT_MAX_WAL_SIZE);
    }

    /** Starts the embedded PostgreSQL on {@code dataDir/pgdata}, durable, after clearing a leftover server. */
    static EmbeddedPostgres start(Path dataDir, int port, String maxWalSize) throws IOException {
        requireWalSize(maxWalSize);
        Path pgData = dataDir.resolve("pgdata").toAbsolutePath();
        Files.createDirectories(pgData.getParent());
        log.info("Embedded PostgreSQL data directory / directorio de datos: {}", pgData);
        StalePostmaster.stopIfLeftRunning(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky starts PostgreSQL with fsync off and asynchronous commit, fine for throwaway test
                // databases and wrong for a registry: an acknowledged record must survive a power cut.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // PostgreSQL's default (1GB) forces a checkpoint after about 500 MB of WAL, a minute of
                // sustained recording; after each one, the first change to every page is logged as a
                // whole 8 kB page. Fewer checkpoints, less WAL per attack (ADR 0020).
                .setServerConfig("max_wal_size", maxWalSize)
                // The server's log reaches the node's log (zonky forwards it). Without this, an error
                // carries a DETAIL line quoting the row it failed on, e.g. the key of a duplicate: a
                // defender's code, a value typed by a registrar. The error and the statement remain.
                .setServerConfig("log_error_verbosity", "terse")
                // zonky's own JVM hook kills PostgreSQL before Axon's processors stop; Spring closes it.
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** PostgreSQL's own floor is two WAL segments (32MB); below it, or unreadable, the server would not start. */
    private static void requireWalSize(String maxWalSize) {
        boolean valid = maxWalSize != null && maxWalSize.matches("[1-9][0-9]{0,5}(MB|GB)");
        if (valid && maxWalSize.endsWith("MB")) {
            valid = Integer.parseInt(maxWalSize.substring(0, maxWalSize.length() - 2)) >= 32;
        }
        if (!valid) {
            throw new IllegalArgumentException("tejido.embedded-db.max-wal-size: '" + maxWalSize
                    + "' is not a size of at least 32MB such as 4GB or 512MB / no es un tamaño de al menos"
                    + " 32MB como 4GB o 512MB");
        }
    }

    /** A pool, as for an external database: opening a connection per statement would dominate. */
    @Bean(destroyMethod = "close")
    DataSource dataSource(
            EmbeddedDatabase database,
            @Value("${spring.datasource.hikari.connection-timeout:5000}") long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        // As for an external database (application.properties): when PostgreSQL is gone, a request waits
        // this long for a connection and is then answered 503 store.unavailable, not after Hikari's 30 s.
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setJdbcUrl(database.jdbcUrl());
        config.setPoolName("tejido-embedded");
        config.setMaximumPoolSize(database.isOwned() ? 16 : 2);
        // A JDBC batch of inserts goes to PostgreSQL as multi-row INSERTs, not one statement per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
