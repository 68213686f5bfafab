package org.tejido.national.backup;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.tejido.national.protection.MasterKey;
import org.tejido.platform.database.OfflineDatabase;
import org.tejido.platform.keys.KeyFiles;

/**
 * Reads a backup back (docs/backup-format.md). {@link #check} reads the whole archive, every chunk
 * authenticated, and writes nothing; {@link #apply} then migrates an empty database to the archive's
 * schema version, loads every table in one transaction and, once that has committed, writes the key
 * files. The read models are rebuilt by the node when it starts (the {@code cases} processor has no
 * position in the archive), and the later migrations run then as on any start.
 */
final class Restore {
    private Restore() {}

    record Contents(String schemaVersion, int tables, long rows, List<String> files) {}

    /** Reads the archive through to its end record, checking every chunk and count; nothing is written. */
    static Contents check(InputStream archive, MasterKey master) throws IOException {
        try (DataInputStream in = content(archive, master)) {
            String version = schema(in);
            List<String> files = new ArrayList<>();
            int tables = 0;
            long rows = 0;
            while (true) {
                byte tag = in.readByte();
                switch (tag) {
                    case Backup.TABLE -> {
                        in.readUTF();
                        in.readUTF();
                        for (int length = in.readInt(); length > 0; length = in.readInt()) {
                            in.skipNBytes(length);
                        }
                        rows += in.readLong();
                        tables++;
                    }
                    case Backup.SEQUENCE -> {
                        in.readUTF();
                        in.readLong();
                        in.readBoolean();
                    }
                    case Backup.FILE -> {
                        files.add(safeRelative(in.readUTF()));
                        in.skipNBytes(in.readInt());
                    }
                    case Backup.END -> {
                        end(in, tables, rows, files.size());
                        return new Contents(version, tables, rows, List.copyOf(files));
                    }
                    default -> throw malformed("unknown record " + tag);
                }
            }
        }
    }

    /**
     * Loads a checked archive into an empty database and the data directory. The database is migrated to
     * the archive's schema version first; rows, sequences and processors' positions go in one transaction.
     */
    static Contents apply(InputStream archive, MasterKey master, OfflineDatabase database, Path dataDir, Progress bar)
            throws IOException, SQLException {
        try (DataInputStream in = content(archive, master)) {
            String version = schema(in);
            database.migrate(Optional.of(version));
            Map<String, byte[]> files = new LinkedHashMap<>();
            int tables = 0;
            long rows = 0;
            try (Connection db = database.connect()) {
                db.setAutoCommit(false);
                while (true) {
                    byte tag = in.readByte();
                    if (tag == Backup.TABLE) {
                        rows += copyIn(db, in, bar);
                        tables++;
                    } else if (tag == Backup.SEQUENCE) {
                        try (PreparedStatement s = db.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                            s.setString(1, Backup.quoted(in.readUTF()));
                            s.setLong(2, in.readLong());
                            s.setBoolean(3, in.readBoolean());
                            s.execute();
                        }
                    } else if (tag == Backup.FILE) {
                        String name = safeRelative(in.readUTF());
                        files.put(name, in.readNBytes(in.readInt()));
                    } else if (tag == Backup.END) {
                        end(in, tables, rows, files.size());
                        break;
                    } else {
                        throw malformed("unknown record " + tag);
                    }
                }
                bar.finish();
                try (Statement s = db.createStatement()) {
                    // The positions were claimed by the node that was backed up; the restored node claims
                    // them at once instead of waiting for that claim to time out.
                    s.executeUpdate("UPDATE tokenentry SET owner = NULL, timestamp = NULL");
                }
                db.commit();
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                KeyFiles.createOwnerOnly(dataDir.resolve(file.getKey()), file.getValue());
            }
            return new Contents(version, tables, rows, List.copyOf(files.keySet()));
        }
    }

    private static long copyIn(Connection db, DataInputStream in, Progress bar) throws IOException, SQLException {
        String table = in.readUTF();
        String columns = in.readUTF();
        // The archive holds the table's whole state; rows a migration seeded (one-row state tables such
        // as regional_statistics_build) are replaced by the archive's, in the same transaction.
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM " + Backup.quoted(table));
        }
        CopyIn copy = db.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + Backup.quoted(table) + " (" + columns + ") FROM STDIN (FORMAT binary)");
        long blocks = 0;
        try {
            for (int length = in.readInt(); length > 0; length = in.readInt()) {
                byte[] block = in.readNBytes(length);
                copy.writeToCopy(block, 0, block.length);
                bar.advance(table, ++blocks);
            }
            long copied = copy.endCopy();
            long recorded = in.readLong();
            if (copied != recorded) {
                throw malformed(table + ": " + copied + " rows loaded, " + recorded + " recorded");
            }
            bar.tableDone(table, copied);
            return copied;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static DataInputStream content(InputStream archive, MasterKey master) throws IOException {
        return new DataInputStream(new BufferedInputStream(SealedArchive.open(archive, master), 1 << 16));
    }

    private static String schema(DataInputStream in) throws IOException {
        if (in.readByte() != Backup.SCHEMA) {
            throw malformed("no schema version first");
        }
        return in.readUTF();
    }

    private static void end(DataInputStream in, int tables, long rows, int files) throws IOException {
        if (in.readInt() != tables || in.readLong() != rows || in.readInt() != files || in.read() != -1) {
            throw malformed("the end record does not match the contents");
        }
    }

    /** A key file's place under the data directory: relative, inside the key directories, no "..". */
    private static String safeRelative(String name) throws IOException {
        Path path = Path.of(name).normalize();
        if (path.isAbsolute()
                || path.startsWith("..")
                || path.getNameCount() < 2
                || !Backup.KEY_DIRECTORIES.contains(path.getName(0).toString())) {
            throw malformed("a file outside the key directories");
        }
        return path.toString();
    }

    private static SealedArchive.Unreadable malformed(String what) {
        return new SealedArchive.Unreadable(
                "the archive's contents are not valid (" + what + ") / el contenido del" + " respaldo no es válido",
                false);
    }

    /** Key files the archive would write that already exist: restore never overwrites a key. */
    static List<Path> existingFiles(Path dataDir, List<String> files) {
        return files.stream().map(dataDir::resolve).filter(Files::exists).toList();
    }
}
