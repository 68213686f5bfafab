package org.tejido.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The node's database for a command run outside the server (backup, restore): the external PostgreSQL
 * when one is configured, otherwise the embedded one, either the one a running node serves on the data
 * directory or one started here for the length of the command.
 */
public final class OfflineDatabase implements AutoCloseable {
    private final String url;
    private final Properties credentials;
    private final EmbeddedPostgres owned;

    private OfflineDatabase(String url, Properties credentials, EmbeddedPostgres owned) {
        this.url = url;
        this.credentials = credentials;
        this.owned = owned;
    }

    /** An external PostgreSQL, as {@code spring.datasource.url}, username and password configure it. */
    public static OfflineDatabase external(String url, String username, String password) {
        Properties credentials = new Properties();
        if (username != null && !username.isBlank()) {
            credentials.setProperty("user", username);
        }
        if (password != null && !password.isBlank()) {
            credentials.setProperty("password", password);
        }
        return new OfflineDatabase(url, credentials, null);
    }

    /**
     * The embedded PostgreSQL of {@code dataDir}: the running node's when {@code attachToRunning} and a node
     * runs on it, otherwise started here (a data directory in use by a node is then refused).
     */
    public static OfflineDatabase embedded(Path dataDir, boolean attachToRunning) throws IOException {
        Path pgData = dataDir.resolve("pgdata").toAbsolutePath();
        if (attachToRunning) {
            Optional<Integer> running = StalePostmaster.runningNodePort(pgData);
            if (running.isPresent()) {
                return new OfflineDatabase(
                        EmbeddedDatabase.attached(running.get()).jdbcUrl(), new Properties(), null);
            }
        }
        EmbeddedPostgres postgres = EmbeddedDatabaseConfig.start(dataDir, 0);
        return new OfflineDatabase(postgres.getJdbcUrl("postgres", "postgres"), new Properties(), postgres);
    }

    /**
     * Applies the node's migrations, as a start of the node would (application.properties,
     * {@code spring.flyway.locations}), up to {@code version} when given, else all of them.
     */
    public void migrate(Optional<String> version) {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration");
        version.ifPresent(flyway::target);
        flyway.load().migrate();
    }

    /** A data source of single connections, for a command's few statements. */
    public DataSource dataSource() {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), url, credentials);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    public String url() {
        return url;
    }

    public Properties credentials() {
        return credentials;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
