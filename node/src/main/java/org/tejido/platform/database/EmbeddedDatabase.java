package org.tejido.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * The node's embedded PostgreSQL: either started by this process (and stopped with it), or, for the
 * users command, the one a running node already serves on the same data directory.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private final String jdbcUrl;
    private final EmbeddedPostgres owned;

    private EmbeddedDatabase(String jdbcUrl, EmbeddedPostgres owned) {
        this.jdbcUrl = jdbcUrl;
        this.owned = owned;
    }

    static EmbeddedDatabase started(EmbeddedPostgres postgres) {
        return new EmbeddedDatabase(postgres.getJdbcUrl("postgres", "postgres"), postgres);
    }

    static EmbeddedDatabase attached(int port) {
        return new EmbeddedDatabase("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres", null);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    boolean isOwned() {
        return owned != null;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
