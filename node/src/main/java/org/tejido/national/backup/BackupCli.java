package org.tejido.national.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.tejido.national.protection.MasterKey;
import org.tejido.platform.cli.CommandLogging;
import org.tejido.platform.cli.CommandSettings;
import org.tejido.platform.database.OfflineDatabase;
import org.tejido.platform.startup.StartupFailures;
import org.tejido.platform.startup.StartupRefusal;

/**
 * {@code backup FILE} and {@code restore FILE} (docs/operations.md, "Backup and restore"), run before
 * and without Spring: they need the database, the key files and the master key, nothing of the server.
 * Exit status: 0 done; 2 not understood; otherwise the refusal's (78 a missing or wrong master key,
 * 65 an archive that does not open, 73 a restore target that is not empty, 69 the database unreachable).
 */
public final class BackupCli {
    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";
    static final int ARCHIVE_UNREADABLE = 65;
    static final int TARGET_NOT_EMPTY = 73;

    private static final String USAGE = """
            Uso / Usage:
              backup ARCHIVO     escribe un respaldo cifrado del nodo, también en marcha / writes an encrypted backup, also while the node runs
              restore ARCHIVO    lo restaura en un directorio de datos vacío / restores it into an empty data directory
            La clave maestra debe estar en su sitio (TEJIDO_MASTER_KEY o keys/master.key) / The master key must be in place.
            """;

    private final Function<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    BackupCli(Function<String, String> environment, PrintStream out, PrintStream err, boolean terminal) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static boolean requested(String... args) {
        return args.length > 0 && (BACKUP.equals(args[0]) || RESTORE.equals(args[0]));
    }

    /** Runs {@code backup FILE} or {@code restore FILE} (then Spring-style {@code --name=value} settings). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLogging.quiet();
        return new BackupCli(System::getenv, out, err, System.console() != null).run(args);
    }

    int run(String[] args) {
        if (!requested(args) || args.length < 2 || args[1].startsWith("--")) {
            err.print(USAGE);
            return 2;
        }
        CommandSettings settings = new CommandSettings(List.of(args).subList(2, args.length), environment);
        if (settings.unknown().isPresent()) {
            err.print(USAGE);
            return 2;
        }
        Path archive = Path.of(args[1]);
        try {
            return BACKUP.equals(args[0]) ? backup(archive, settings) : restore(archive, settings);
        } catch (StartupRefusal refusal) {
            return refused(refusal);
        } catch (IOException | SQLException | RuntimeException failure) {
            return StartupFailures.diagnose(failure)
                    .map(this::refused)
                    .orElseThrow(() -> new IllegalStateException(args[0] + " failed / falló", failure));
        }
    }

    private int backup(Path archive, CommandSettings settings) throws IOException, SQLException {
        MasterKey master = masterKey(settings, "backup", "el respaldo se cifra con una clave derivada de ella");
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        if (Files.exists(archive)) {
            throw new StartupRefusal(
                    archive + " already exists / ya existe.",
                    "Name a new file: a backup never overwrites one / indique un archivo nuevo.",
                    TARGET_NOT_EMPTY);
        }
        createOwnerOnly(partial);
        Backup.Summary summary;
        try (OfflineDatabase database = settings.database(true);
                Connection db = database.connect();
                OutputStream file = Files.newOutputStream(partial, StandardOpenOption.WRITE)) {
            summary = Backup.write(
                    db,
                    settings.dataDir(),
                    settings.masterKeyFile(),
                    master,
                    file,
                    total -> new Progress(err, terminal, total));
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try (var channel = java.nio.channels.FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        moveIntoPlace(partial, archive);
        out.printf(
                "Respaldo escrito / Backup written: %s (%,d bytes; %d tablas/tables, %,d filas/rows, %d archivos de"
                        + " clave/key files; esquema/schema v%s; clave maestra/master key %s)%n",
                archive,
                Files.size(archive),
                summary.tables(),
                summary.rows(),
                summary.files(),
                summary.schemaVersion(),
                master.id());
        return 0;
    }

    private int restore(Path archive, CommandSettings settings) throws IOException, SQLException {
        MasterKey master = masterKey(settings, "restore", "el respaldo solo se abre con ella");
        if (!Files.isRegularFile(archive)) {
            throw new StartupRefusal(
                    "There is no archive at " + archive + " / no hay un respaldo en " + archive + ".",
                    "Name the backup file to restore / indique el archivo de respaldo.",
                    ARCHIVE_UNREADABLE);
        }
        Restore.Contents contents;
        try (InputStream in = Files.newInputStream(archive)) {
            contents = Restore.check(in, master);
        } catch (SealedArchive.Unreadable e) {
            throw unreadable(archive, e);
        }
        Path dataDir = settings.dataDir();
        List<Path> existing = Restore.existingFiles(dataDir, contents.files());
        if (!existing.isEmpty()) {
            throw notEmpty(dataDir, "key file " + existing.get(0) + " exists / ya existe el archivo de clave");
        }
        boolean embedded = settings.external().isEmpty();
        Path pgData = dataDir.resolve("pgdata");
        if (embedded && Files.isDirectory(pgData)) {
            try (var entries = Files.list(pgData)) {
                if (entries.findAny().isPresent()) {
                    throw notEmpty(dataDir, pgData + " holds a database / ya tiene una base de datos");
                }
            }
        }
        err.printf(
                "Restaurando / Restoring %s: esquema/schema v%s, %d tablas/tables, %,d filas/rows%n",
                archive, contents.schemaVersion(), contents.tables(), contents.rows());
        try (OfflineDatabase database = settings.database(false)) {
            if (!embedded) {
                requireEmpty(database, dataDir);
            }
            try (InputStream in = Files.newInputStream(archive)) {
                Restore.apply(in, master, database, dataDir, new Progress(err, terminal, contents.rows()));
            } catch (IOException | SQLException | RuntimeException e) {
                if (embedded) {
                    // Started here on an empty directory: nothing of it is worth keeping.
                    database.close();
                    deleteTree(pgData);
                }
                throw e;
            }
        }
        out.printf(
                "Restaurado / Restored: %d tablas/tables, %,d filas/rows, %d archivos de clave/key files. Al iniciar,"
                        + " el nodo reconstruye sus vistas / On start the node rebuilds its read models"
                        + " (./tejido start).%n",
                contents.tables(), contents.rows(), contents.files().size());
        return 0;
    }

    private MasterKey masterKey(CommandSettings settings, String command, String why) throws IOException {
        Path file = settings.masterKeyFile();
        return MasterKey.existing(environment.apply("TEJIDO_MASTER_KEY"), file)
                .orElseThrow(() -> new StartupRefusal(
                        "There is no master key at " + file + " nor in TEJIDO_MASTER_KEY: " + command + " needs it / no"
                                + " hay clave maestra en " + file + " ni en TEJIDO_MASTER_KEY: " + why + ".",
                        "Put its offline copy there (chmod 600) or set TEJIDO_MASTER_KEY (docs/operations.md, \"Backup"
                                + " and restore\") / coloque allí su copia fuera de línea o defina TEJIDO_MASTER_KEY.",
                        StartupRefusal.CONFIGURATION));
    }

    private static StartupRefusal unreadable(Path archive, SealedArchive.Unreadable e) {
        if (e.otherMasterKey()) {
            return new StartupRefusal(
                    archive + ": " + e.getMessage() + ".",
                    "Put in place the master key the backup was made under (its offline copy) / coloque la clave"
                            + " maestra con la que se hizo el respaldo.",
                    StartupRefusal.CONFIGURATION);
        }
        return new StartupRefusal(
                archive + ": " + e.getMessage() + ".",
                "Nothing was restored; use another copy of the backup / no se restauró nada; use otra copia.",
                ARCHIVE_UNREADABLE);
    }

    private static StartupRefusal notEmpty(Path dataDir, String what) {
        return new StartupRefusal(
                "The restore target is not empty: " + what + " / el destino no está vacío.",
                "Restore into a new, empty data directory (TEJIDO_DATA_DIR) and database; nothing was changed / restaure"
                        + " en un directorio de datos y una base vacíos; no se cambió nada.",
                TARGET_NOT_EMPTY);
    }

    private static void requireEmpty(OfflineDatabase database, Path dataDir) throws SQLException {
        try (Connection db = database.connect();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                        + " c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'S')")) {
            r.next();
            if (r.getLong(1) > 0) {
                throw notEmpty(dataDir, "the database already has tables / la base ya tiene tablas");
            }
        }
    }

    private int refused(StartupRefusal refusal) {
        err.println("Rechazado / Refused: " + refusal.line());
        return refusal.exitCode();
    }

    /** Created readable by this user only, never widened then narrowed (as the key files are). */
    private static void createOwnerOnly(Path partial) throws IOException {
        try {
            if (Files.getFileAttributeView(partial.toAbsolutePath().getParent(), PosixFileAttributeView.class)
                    != null) {
                Files.createFile(
                        partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(partial);
            }
        } catch (FileAlreadyExistsException e) {
            throw new StartupRefusal(
                    partial + " exists: another backup is being written, or one was interrupted / existe: otro respaldo"
                            + " se está escribiendo, o uno se interrumpió.",
                    "Wait for it, or delete that file / espere, o borre ese archivo.",
                    TARGET_NOT_EMPTY);
        }
    }

    private static void moveIntoPlace(Path partial, Path archive) throws IOException {
        try {
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, archive);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(partial);
            throw new StartupRefusal(
                    archive + " appeared meanwhile / apareció entretanto.",
                    "Name a new file / indique un archivo nuevo.",
                    TARGET_NOT_EMPTY);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
