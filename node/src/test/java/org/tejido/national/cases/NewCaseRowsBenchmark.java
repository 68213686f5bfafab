package org.tejido.national.cases;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.tejido.platform.database.BinaryCopy;

/**
 * What writing rows many at a time costs, per row, by binary {@code COPY} (how the node writes them) and
 * by the batched {@code INSERT} it used before, rewritten by the JDBC driver as multi-row inserts (the
 * baseline), in the same run against the same embedded PostgreSQL and the node's own schema: new cases
 * ({@link NewCaseRows}, batches of 250, as the {@code cases} processor writes them with synchronous commit
 * off) and data keys (batches of 512, as the reserve made them when this was measured; it now makes 1,024).
 * A program, not a test: run it with
 * {@code deploy/bench/case-rows.sh} (docs/benchmarks.md, ADR 0024).
 *
 * <p>Prints, per line, the median over the rounds of the client's CPU (this thread), PostgreSQL's CPU
 * (its backend process) and the wall time, each in µs per row. Arguments: {@code --rows=50000
 * --rounds=5}.
 */
public final class NewCaseRowsBenchmark {
    private static final String CASE_INSERT = "INSERT INTO case_summary (attack_id, recorded_at, updated_at,"
            + " occurred_on, occurred_from, occurred_to, country, subdivision, target_kind, aggression_types,"
            + " aggression_groups, verification_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String KEY_INSERT =
            "INSERT INTO data_key (key_id, wrapped, master_key_id, created_at) VALUES (?, ?, ?, ?)";
    private static final String KEY_COPY =
            "COPY data_key (key_id, wrapped, master_key_id, created_at) FROM STDIN (FORMAT binary)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final int backendPid;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private NewCaseRowsBenchmark(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.backendPid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new LinkedHashMap<>(Map.of("rows", 50_000, "rounds", 5));
        for (String arg : args) {
            String name = arg.replaceFirst("^--", "").replaceFirst("=.*", "");
            if (!options.containsKey(name) || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --rows=N or --rounds=N, got " + arg);
            }
            options.put(name, Integer.valueOf(arg.substring(arg.indexOf('=') + 1)));
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_wal_size", "4GB")
                .start()) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                    postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true",
                    "postgres",
                    "postgres",
                    true);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            System.out.printf(
                    Locale.ROOT,
                    "# NewCaseRowsBenchmark%npostgresql: %s, %d rows per line and round, %d rounds%n",
                    new JdbcTemplate(dataSource).queryForObject("SHOW server_version", String.class),
                    options.get("rows"),
                    options.get("rounds"));
            new NewCaseRowsBenchmark(new JdbcTemplate(dataSource)).run(options.get("rows"), options.get("rounds"));
        }
    }

    private void run(int rows, int rounds) throws Exception {
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round <= rounds; round++) {
            Map<String, double[]> lines = new LinkedHashMap<>();
            lines.put("cases, INSERT", measure(rows, 250, true, this::insertCases, NewCaseRowsBenchmark::newCase));
            lines.put(
                    "cases, COPY",
                    measure(rows, 250, true, r -> NewCaseRows.write(jdbc, r), NewCaseRowsBenchmark::newCase));
            lines.put("data keys, INSERT", measure(rows, 512, false, this::insertKeys, i -> newKey()));
            lines.put("data keys, COPY", measure(rows, 512, false, this::copyKeys, i -> newKey()));
            if (round == 0) {
                continue; // warm-up: compiles both paths
            }
            for (Map.Entry<String, double[]> line : lines.entrySet()) {
                double[] figures = line.getValue();
                results.computeIfAbsent(line.getKey(), l -> new ArrayList<>()).add(figures);
                System.out.printf(
                        Locale.ROOT,
                        "round %d  %-18s client %5.1f  postgres %5.1f  wall %5.1f µs per row%n",
                        round,
                        line.getKey(),
                        figures[0],
                        figures[1],
                        figures[2]);
            }
        }
        System.out.println("medians, µs per row (client CPU, PostgreSQL CPU, wall); COPY against its INSERT baseline:");
        results.forEach((line, figures) -> System.out.printf(
                Locale.ROOT,
                "  %-18s client %5.1f  postgres %5.1f  wall %5.1f%n",
                line,
                median(figures, 0),
                median(figures, 1),
                median(figures, 2)));
        for (String table : List.of("cases", "data keys")) {
            double insert = cpu(results.get(table + ", INSERT"));
            double copy = cpu(results.get(table + ", COPY"));
            System.out.printf(
                    Locale.ROOT,
                    "  %s: COPY takes %.2f of the INSERT's CPU (client and PostgreSQL)%n",
                    table,
                    copy / insert);
        }
    }

    private <T> double[] measure(int rows, int batch, boolean asyncCommit, Consumer<List<T>> write, RowMaker<T> maker)
            throws Exception {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < rows; i += batch) {
            List<T> one = new ArrayList<>(batch);
            for (int j = i; j < Math.min(rows, i + batch); j++) {
                one.add(maker.make(j));
            }
            batches.add(one);
        }
        long postgresBefore = postgresTicks();
        long clientBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        for (List<T> one : batches) {
            jdbc.execute("BEGIN");
            if (asyncCommit) {
                jdbc.execute("SET LOCAL synchronous_commit = off");
            }
            write.accept(one);
            jdbc.execute("COMMIT");
        }
        double wall = (System.nanoTime() - wallBefore) / 1e3 / rows;
        double client = (threads.getCurrentThreadCpuTime() - clientBefore) / 1e3 / rows;
        // Clock ticks of 10 ms; a line of 50,000 rows takes several hundred of them.
        double postgres = (postgresTicks() - postgresBefore) * 1e4 / rows;
        jdbc.execute("VACUUM (ANALYZE)");
        return new double[] {client, postgres, wall};
    }

    private void insertCases(List<NewCaseRows.Row> rows) {
        jdbc.batchUpdate(
                CASE_INSERT,
                rows.stream()
                        .map(row -> new Object[] {
                            row.attackId(),
                            row.recordedAt().atOffset(ZoneOffset.UTC),
                            row.recordedAt().atOffset(ZoneOffset.UTC),
                            row.occurredOn(),
                            row.occurredFrom(),
                            row.occurredTo(),
                            row.country(),
                            row.subdivision(),
                            row.targetKind(),
                            row.aggressionTypes().toArray(String[]::new),
                            row.aggressionGroups().toArray(String[]::new),
                            row.verificationStatus()
                        })
                        .toList());
    }

    private void insertKeys(List<Object[]> rows) {
        jdbc.batchUpdate(
                KEY_INSERT,
                rows.stream()
                        .map(row -> new Object[] {row[0], row[1], row[2], ((Instant) row[3]).atOffset(ZoneOffset.UTC)})
                        .toList());
    }

    private void copyKeys(List<Object[]> rows) {
        BinaryCopy copy = new BinaryCopy(4, BinaryCopy.FRAME_BYTES + rows.size() * 160);
        for (Object[] row : rows) {
            copy.row()
                    .text((String) row[0])
                    .bytes((byte[]) row[1])
                    .text((String) row[2])
                    .timestamptz((Instant) row[3]);
        }
        BinaryCopy.copyIn(jdbc, KEY_COPY, copy.finish());
    }

    /** Synthetic: a case like the recording benchmark's attacks. */
    private static NewCaseRows.Row newCase(int i) {
        return new NewCaseRows.Row(
                UUID.randomUUID(),
                Instant.now(),
                "2021-04",
                LocalDate.of(2021, 4, 1),
                LocalDate.of(2021, 4, 30),
                "GT",
                "GT-0" + (1 + i % 9),
                "defender",
                List.of("threat", "surveillance"),
                List.of("intimidation", "surveillance"),
                "verified");
    }

    /** A data key's row: its id, 60 bytes as a wrapped key takes, the master key's id, the time. */
    private static Object[] newKey() {
        byte[] wrapped = new byte[60];
        RANDOM.nextBytes(wrapped);
        return new Object[] {"key:" + UUID.randomUUID(), wrapped, "bench", Instant.now()};
    }

    private long postgresTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc/" + backendPid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double median(List<double[]> figures, int index) {
        double[] values = figures.stream().mapToDouble(f -> f[index]).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static double cpu(List<double[]> figures) {
        return median(figures, 0) + median(figures, 1);
    }

    @FunctionalInterface
    private interface RowMaker<T> {
        T make(int index);
    }
}
