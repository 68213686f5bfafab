package org.tejido.national.backup;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.tejido.national.protection.MasterKey;

/**
 * Writes a node's backup (docs/backup-format.md) from one snapshot of its database, taken while the node
 * runs: the event store, the federation log and its push state, users, data keys wrapped as stored,
 * processors' positions; and the key files beside it, the master key excepted. The read models that the
 * {@code cases} processor rebuilds from the events are left out, with that processor's position, so the
 * restored node rebuilds them.
 */
final class Backup {
    static final byte SCHEMA = 'V';
    static final byte TABLE = 'T';
    static final byte SEQUENCE = 'S';
    static final byte FILE = 'F';
    static final byte END = 'E';

    /** The tables the {@code cases} processor fills (docs/operations.md, "Rebuilding the read model"). */
    static final Set<String> REBUILT = Set.of(
            "case_summary",
            "case_follow_up",
            "consent_state",
            "consent_attack_defender",
            "defender_summary",
            "access_log");

    /** Made again by the migrations up to the archive's schema version, before the rows go in. */
    static final String SCHEMA_HISTORY = "flyway_schema_history";

    /** Rows of shared tables that belong to the rebuilt read models' processor and processing groups. */
    static final Map<String, String> ROWS_KEPT = Map.of(
            "tokenentry", "processorname <> 'cases'",
            "deadletterentry", "processinggroup NOT IN ('cases', 'consent', 'defenders', 'access-log')");

    /** Key files kept beside the database, under the data directory; the master key never goes in. */
    static final List<String> KEY_DIRECTORIES = List.of("keys", "tls");

    private Backup() {}

    record Summary(int tables, long rows, int files, String schemaVersion) {}

    static Summary write(
            Connection db,
            Path dataDir,
            Path masterKeyFile,
            MasterKey master,
            OutputStream target,
            LongFunction<Progress> progress)
            throws IOException, SQLException {
        db.setAutoCommit(false);
        db.setReadOnly(true);
        db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(SealedArchive.seal(target, master), 1 << 16))) {
            String version = schemaVersion(db);
            out.writeByte(SCHEMA);
            out.writeUTF(version);
            Map<String, Long> tables = tables(db);
            Progress bar = progress.apply(
                    tables.values().stream().mapToLong(Long::longValue).sum());
            long rows = 0;
            for (Map.Entry<String, Long> table : tables.entrySet()) {
                rows += copyOut(db, table.getKey(), out, bar);
            }
            bar.finish();
            for (Sequence sequence : sequences(db)) {
                out.writeByte(SEQUENCE);
                out.writeUTF(sequence.name());
                out.writeLong(sequence.value());
                out.writeBoolean(sequence.called());
            }
            int files = 0;
            for (Path file : keyFiles(dataDir, masterKeyFile)) {
                byte[] content = Files.readAllBytes(file);
                out.writeByte(FILE);
                out.writeUTF(dataDir.relativize(file).toString());
                out.writeInt(content.length);
                out.write(content);
                files++;
            }
            out.writeByte(END);
            out.writeInt(tables.size());
            out.writeLong(rows);
            out.writeInt(files);
            db.commit();
            return new Summary(tables.size(), rows, files, version);
        }
    }

    static String schemaVersion(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT"
                                + " NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!r.next()) {
                throw new SQLException("The database has no schema history: it is not a node's database");
            }
            return r.getString(1);
        }
    }

    /** The tables backed up, in name order, with how many rows each has in this snapshot. */
    private static Map<String, Long> tables(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid ="
                        + " c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
                        + " ORDER BY c.relname")) {
            while (r.next()) {
                if (!REBUILT.contains(r.getString(1)) && !SCHEMA_HISTORY.equals(r.getString(1))) {
                    names.add(r.getString(1));
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : names) {
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM (" + selection(name) + ") t")) {
                r.next();
                counts.put(name, r.getLong(1));
            }
        }
        return counts;
    }

    private static String selection(String table) {
        String kept = ROWS_KEPT.get(table);
        return "SELECT * FROM " + quoted(table) + (kept == null ? "" : " WHERE " + kept);
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static long copyOut(Connection db, String table, DataOutputStream out, Progress bar)
            throws SQLException, IOException {
        String columns = columns(db, table);
        out.writeByte(TABLE);
        out.writeUTF(table);
        out.writeUTF(columns);
        CopyOut copy = db.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyOut("COPY (SELECT " + columns + " FROM (" + selection(table) + ") t) TO STDOUT (FORMAT binary)");
        long blocks = 0;
        byte[] block;
        while ((block = copy.readFromCopy()) != null) {
            out.writeInt(block.length);
            out.write(block);
            bar.advance(table, ++blocks);
        }
        out.writeInt(0);
        long rows = copy.getHandledRowCount();
        out.writeLong(rows);
        bar.tableDone(table, rows);
        return rows;
    }

    /** The table's columns in order, quoted, as restore names them back. */
    private static String columns(Connection db, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var s = db.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum")) {
            s.setString(1, quoted(table));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(quoted(r.getString(1)));
                }
            }
        }
        return String.join(", ", columns);
    }

    record Sequence(String name, long value, boolean called) {}

    private static List<Sequence> sequences(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid ="
                                + " c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        List<Sequence> sequences = new ArrayList<>();
        for (String name : names) {
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT last_value, is_called FROM " + quoted(name))) {
                r.next();
                sequences.add(new Sequence(name, r.getLong(1), r.getBoolean(2)));
            }
        }
        return sequences;
    }

    /** Regular files under the key directories, the master key and its previous one excepted. */
    static List<Path> keyFiles(Path dataDir, Path masterKeyFile) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String directory : KEY_DIRECTORIES) {
            Path root = dataDir.resolve(directory);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith("master.key"))
                        .filter(f -> !f.toAbsolutePath().equals(masterKeyFile.toAbsolutePath()))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }
}
