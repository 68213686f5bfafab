package org.tejido.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tejido.platform.startup.StartupRefusal;

/**
 * The embedded PostgreSQL runs as a child process. When the node is killed (power button, kill -9,
 * out of memory) that process can outlive it and keep the data directory locked, and the next start
 * fails. If no node holds the data directory and its postmaster.pid names a live postgres process, ask
 * that process to stop (SIGTERM: PostgreSQL's smart shutdown, which finishes cleanly) before starting.
 */
final class StalePostmaster {
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StalePostmaster() {}

    /**
     * A running node holds zonky's lock file (epg-lock) in the data directory for as long as it lives;
     * the operating system releases it when the process dies. Held: another node is using this data
     * directory, and its PostgreSQL is not left over: refuse to start rather than stop it.
     */
    private static void refuseIfANodeHoldsIt(Path pgData) throws IOException {
        if (heldByANode(pgData)) {
            throw inUse(pgData);
        }
    }

    /** The port of the PostgreSQL a running node serves on this data directory, if one does. */
    static Optional<Integer> runningNodePort(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!heldByANode(pgData) || !Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        // postmaster.pid: pid, data directory, start time, port, ... (one per line)
        List<String> lines = Files.readAllLines(pidFile);
        return lines.size() > 3 ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    }

    private static boolean heldByANode(Path pgData) throws IOException {
        Path lockFile = pgData.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static StartupRefusal inUse(Path pgData) {
        return new StartupRefusal(
                "Another node is running on " + pgData + " / otro nodo está usando este directorio de datos.",
                "Stop it first, or give this one its own TEJIDO_DATA_DIR / deténgalo primero o use otro"
                        + " TEJIDO_DATA_DIR.",
                StartupRefusal.IN_USE);
    }

    static void stopIfLeftRunning(Path pgData) throws IOException {
        refuseIfANodeHoldsIt(pgData);
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean isPostgres = process.flatMap(p -> p.info().command())
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
        if (!isPostgres) {
            return;
        }
        log.warn(
                "A PostgreSQL left running by a previous run holds {} (pid {}): stopping it / se detiene el"
                        + " PostgreSQL que quedó en marcha",
                pgData,
                pid);
        ProcessHandle postmaster = process.get();
        postmaster.destroy();
        try {
            postmaster.onExit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "The PostgreSQL left running (pid " + pid + ") did not stop within " + WAIT.toSeconds()
                            + " s / no se detuvo a tiempo",
                    e);
        }
    }
}
