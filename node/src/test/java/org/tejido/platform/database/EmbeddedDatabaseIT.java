package org.tejido.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.tejido.support.TestDirectories;

/**
 * The embedded PostgreSQL is durable (zonky's defaults are not), and a server left running by a node
 * that was killed is stopped so that the next start can take the data directory.
 */
class EmbeddedDatabaseIT {

    @Test
    void commitsAreFlushedToDisk() throws Exception {
        Path dataDir = TestDirectories.create("embedded-");
        try (EmbeddedPostgres postgres = EmbeddedDatabaseConfig.start(dataDir, 0);
                Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            assertThat(show(s, "fsync")).isEqualTo("on");
            assertThat(show(s, "synchronous_commit")).isEqualTo("on");
            assertThat(show(s, "full_page_writes")).isEqualTo("on");
            assertThat(show(s, "max_wal_size")).isEqualTo("4GB");
            // No DETAIL (the row an error is about) in the server's log, which ends up in the node's.
            assertThat(show(s, "log_error_verbosity")).isEqualTo("terse");
        }
    }

    @Test
    void theSmallestAllowedMaxWalSizeStarts() throws Exception {
        Path dataDir = TestDirectories.create("embedded-");
        try (EmbeddedPostgres postgres = EmbeddedDatabaseConfig.start(dataDir, 0, "32MB");
                Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            assertThat(show(s, "max_wal_size")).isEqualTo("32MB");
        }
    }

    @Test
    void aMaxWalSizeThatIsNotASizeIsRefusedBeforeAnythingStarts() throws Exception {
        Path dataDir = TestDirectories.create("embedded-");
        for (String bad : new String[] {"lots", "4 GB", "0GB", "4gb", "-1MB", "", "31MB", "1MB"}) {
            assertThatThrownBy(() -> EmbeddedDatabaseConfig.start(dataDir, 0, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tejido.embedded-db.max-wal-size");
        }
        assertThat(dataDir.resolve("pgdata")).doesNotExist();
    }

    @Test
    void aServerLeftRunningByAKilledNodeIsStoppedBeforeTheNextStart() throws Exception {
        Path dataDir = TestDirectories.create("embedded-");
        // A node in its own JVM, killed with SIGKILL: its PostgreSQL outlives it.
        Process node = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanMaker.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // start-up log of the child
            }
        }
        node.destroyForcibly().waitFor();
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid"))
                .get(0)
                .strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgres next = EmbeddedDatabaseConfig.start(dataDir, 0);
                Connection c = next.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(show(s, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aSecondNodeOnADataDirectoryInUseIsRefusedAndTheFirstKeepsRunning() throws Exception {
        Path dataDir = TestDirectories.create("embedded-");
        try (EmbeddedPostgres running = EmbeddedDatabaseConfig.start(dataDir, 0)) {
            assertThatThrownBy(() -> EmbeddedDatabaseConfig.start(dataDir, 0))
                    .isInstanceOf(org.tejido.platform.startup.StartupRefusal.class)
                    .hasMessageContaining("Another node is running");
            try (Connection c = running.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                assertThat(show(s, "fsync")).isEqualTo("on");
            }
        }
    }

    private static String show(Statement s, String setting) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
