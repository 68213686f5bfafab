package org.tejido.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Directories that integration tests write to (a node's embedded PostgreSQL, keys, certificates), all
 * under one directory per test JVM: {@code <root>/<pid>}. The root is the system property
 * {@code tejido.test.data-root} ({@code node/target/test-data}, set for failsafe's integration tests),
 * else {@code <java.io.tmpdir>/tejido-tests}.
 *
 * <p>A test node's embedded PostgreSQL takes about 40 MB, and its server is stopped only when Spring
 * closes the node, possibly in a shutdown hook of its own; deleting the directory in another hook would
 * race with it. So each JVM, on first use, deletes what earlier test JVMs left (their process is gone):
 * only the last test JVM's data remains, and {@code mvnw clean} removes it.
 */
public final class TestDirectories {
    private static final String ROOT_PROPERTY = "tejido.test.data-root";

    private static final Path RUN = startRun();

    private TestDirectories() {}

    /** A new, empty directory for one test. */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(RUN, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything under it; nothing if it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** This JVM's directory. */
    static Path run() {
        return RUN;
    }

    private static Path startRun() {
        String configured = System.getProperty(ROOT_PROPERTY, "");
        Path root = configured.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "tejido-tests")
                : Path.of(configured);
        try {
            Files.createDirectories(root);
            removeFinishedRuns(root);
            return Files.createDirectories(
                    root.resolve(Long.toString(ProcessHandle.current().pid())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeFinishedRuns(Path root) throws IOException {
        List<Path> runs;
        try (Stream<Path> children = Files.list(root)) {
            runs = children.filter(TestDirectories::finished).toList();
        }
        for (Path run : runs) {
            try {
                deleteRecursively(run);
            } catch (IOException | UncheckedIOException deletedMeanwhile) {
                // Two test JVMs that start together (failsafe's forks) both clear the same finished runs:
                // a file the other one removed first is not a reason to stop. What is left, if anything,
                // goes at the next start.
            }
        }
    }

    /** A directory named after a process that no longer runs; anything else is left alone. */
    static boolean finished(Path run) {
        String name = run.getFileName().toString();
        if (!Files.isDirectory(run) || !name.matches("[0-9]{1,18}")) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(name)).isEmpty();
    }
}
