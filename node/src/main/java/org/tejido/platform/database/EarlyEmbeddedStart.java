package org.tejido.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the node's embedded PostgreSQL in the background as soon as the settings are known, while
 * Spring builds the context: the server's start spent about a second waiting for PostgreSQL after
 * several of building beans (docs/benchmarks.md). {@link EmbeddedDatabaseConfig} takes the server when
 * it needs it; a start that fails before then stops it. Added by {@code Tejido.main} to the server's
 * start only, whose settings are all known when the environment is prepared (tests add some later).
 */
public final class EarlyEmbeddedStart implements ApplicationListener<SpringApplicationEvent> {
    private static final Map<Path, CompletableFuture<EmbeddedPostgres>> STARTING = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationFailedEvent) {
            for (Path dataDir : STARTING.keySet()) {
                try {
                    take(dataDir).ifPresent(EarlyEmbeddedStart::stopQuietly);
                } catch (RuntimeException e) {
                    // It did not start: nothing to stop, and the start's own failure is reported.
                }
            }
        }
    }

    private static void start(ConfigurableEnvironment environment) {
        if (environment.containsProperty("spring.datasource.url")
                || environment.getProperty("tejido.embedded-db.attach-to-running", Boolean.class, false)) {
            return;
        }
        Path dataDir = Path.of(environment.getRequiredProperty("tejido.data-dir"));
        int port = environment.getProperty("tejido.embedded-db.port", Integer.class, 0);
        String maxWalSize =
                environment.getProperty("tejido.embedded-db.max-wal-size", EmbeddedDatabaseConfig.DEFAULT_MAX_WAL_SIZE);
        STARTING.put(key(dataDir), CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedDatabaseConfig.start(dataDir, port, maxWalSize);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /**
     * The server started early on this data directory, once it is up; empty if none was started. Its
     * failure is thrown as it would have been by starting it here.
     */
    static Optional<EmbeddedPostgres> take(Path dataDir) {
        CompletableFuture<EmbeddedPostgres> starting = STARTING.remove(key(dataDir));
        if (starting == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(starting.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static Path key(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
    }

    private static void stopQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // The start failed already; its own error is the one to report.
        }
    }
}
