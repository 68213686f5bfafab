package org.tejido.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *
 * <p>An earlier pass leaves gigabytes (the external-database pass starts after the embedded one), and
 * deleting them took a test JVM's first test more than a minute on a busy machine. So the first use
 * only claims each finished run, renaming it {@code deleting-<this pid>-<its pid>} (an atomic rename: of
 * two JVMs starting together, one claims it), and a background thread deletes what it claimed while
 * the tests run. A claim whose JVM ended before finishing is claimed again by the next one.
 */
public final class TestDirectories {
    private static final String ROOT_PROPERTY = "tejido.test.data-root";
    private static final String CLAIMED = "deleting-";
    /** {@code <pid>}, or {@code deleting-<pid>-<run>} claimed by that process: the process that owns it. */
    private static final Pattern RUN_NAME = Pattern.compile(CLAIMED + "([0-9]{1,18})-.+|([0-9]{1,18})");

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
        List<Path> claimed = claimFinishedRuns(root, ProcessHandle.current().pid());
        if (claimed.isEmpty()) {
            return;
        }
        Thread deleting = new Thread(() -> deleteAll(claimed), "test-directories-cleanup");
        deleting.setDaemon(true);
        deleting.setPriority(Thread.MIN_PRIORITY);
        deleting.start();
    }

    /** Renames each finished run (or unfinished claim) to a claim of this process; returns the claims. */
    static List<Path> claimFinishedRuns(Path root, long pid) throws IOException {
        List<Path> runs;
        try (Stream<Path> children = Files.list(root)) {
            runs = children.filter(TestDirectories::finished).toList();
        }
        List<Path> claimed = new ArrayList<>();
        for (Path run : runs) {
            Path claim = root.resolve(CLAIMED + pid + "-" + run.getFileName());
            try {
                claimed.add(Files.move(run, claim, StandardCopyOption.ATOMIC_MOVE));
            } catch (IOException claimedByAnother) {
                // Two test JVMs that start together (failsafe's forks) see the same finished runs; the
                // other one renamed this one first and deletes it.
            }
        }
        return claimed;
    }

    static void deleteAll(List<Path> claimed) {
        for (Path run : claimed) {
            try {
                deleteRecursively(run);
            } catch (IOException | UncheckedIOException notNow) {
                // What is left, if anything, is claimed again at the next start.
            }
        }
    }

    /**
     * A directory named after a process that no longer runs, or a claim whose process no longer runs;
     * anything else is left alone.
     */
    static boolean finished(Path run) {
        String name = run.getFileName().toString();
        if (!Files.isDirectory(run)) {
            return false;
        }
        Matcher owner = RUN_NAME.matcher(name);
        if (!owner.matches()) {
            return false;
        }
        String pid = owner.group(1) != null ? owner.group(1) : owner.group(2);
        return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
    }
}
