package org.tejido.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tejido.Tejido;
import org.tejido.ledger.leaf.Commitment;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.national.push.AggregatorChannel;
import org.tejido.national.push.LogPusher;
import org.tejido.national.push.PushSettings;
import org.tejido.national.sharing.LogIdentity;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.regional.enrollment.Enrollments;
import org.tejido.support.TestDirectories;

/**
 * Entries per second from a national node's log to verified and stored at the aggregator, end to end:
 * the node's pusher reads its log from its PostgreSQL, signs a checkpoint per batch and streams it over
 * gRPC with mutual TLS 1.3 on loopback; the aggregator verifies every batch, stores it as events, keeps
 * the content beside and cosigns. Measured in the same run against raw JDBC batched inserts (100 rows
 * per transaction) of the same entries into the aggregator's PostgreSQL. A program, not a test: run it
 * with {@code deploy/bench/federation-push.sh} (see docs/benchmarks.md).
 *
 * <p>Arguments: {@code --entries=20000 --warmup=<entries> --warmup-batch-size=16 --rounds=3
 * --aggregator=process|in-jvm} (the aggregator runs as a program of its own by default, as in a federation;
 * rounds of the raw baseline, before and after); diagnostic, never the reported figure:
 * {@code --batch-size=256}.
 */
public final class FederationPushBenchmark {
    private static final String DOMAIN = "bench-node.test";
    private static final String ORIGIN = DOMAIN + "/MX/v1";

    private FederationPushBenchmark() {}

    public static void main(String[] args) throws Exception {
        int entries = intArg(args, "entries", 20_000);
        int rounds = intArg(args, "rounds", 3);
        // Pushed first and not measured: a server runs warm, and JIT compilation of the push path (half of
        // the JVM's CPU in a cold run, by async-profiler) is start-up cost, not throughput.
        int warmup = intArg(args, "warmup", entries);
        // Diagnostic only (the reported figure uses the protocol's maximum, 256).
        int batchSize = intArg(args, "batch-size", PushSettings.MAX_BATCH_SIZE);
        // Code run once per batch (a checkpoint's signature checked, a cosignature, a transaction) ran only
        // 782 times in a warm-up of 200,000 entries in batches of 256: below C2's thresholds, so it was
        // still being compiled while measured (PrintCompilation). A long-running aggregator has run it far
        // more often; small batches in the warm-up run it as often as that.
        int warmupBatchSize = intArg(args, "warmup-batch-size", 16);
        Path work = Files.createTempDirectory("tejido-bench-federation");
        FederationCa ca = FederationCa.create(Files.createDirectories(work.resolve("ca")), "Bench federation CA");
        Path aggregatorTls = Files.createDirectories(work.resolve("aggregator-tls"));
        TlsIdentity.create(
                aggregatorTls, ca, "aggregator", FederationCa.Purpose.AGGREGATOR, Duration.ofDays(1), List.of());
        Path nodeTls = Files.createDirectories(work.resolve("node-tls"));
        TlsIdentity node =
                TlsIdentity.create(nodeTls, ca, DOMAIN, FederationCa.Purpose.NODE, Duration.ofDays(1), List.of());

        boolean separate = !"in-jvm".equals(stringArg(args, "aggregator", "process"));
        Aggregator aggregator = separate
                ? AggregatorProcess.start(work.resolve("aggregator"), aggregatorTls)
                : AggregatorInJvm.start(work.resolve("aggregator"), aggregatorTls);
        ConfigurableApplicationContext national = new SpringApplicationBuilder(Tejido.class)
                .profiles("national")
                .run(
                        "--tejido.data-dir=" + work.resolve("node"),
                        "--server.port=0",
                        "--tejido.node.domain=" + DOMAIN,
                        "--tejido.node.country=MX",
                        "--logging.level.root=WARN");
        try {
            LogIdentity identity = national.getBean(LogIdentity.class);
            JdbcTemplate nodeJdbc = national.getBean(JdbcTemplate.class);
            List<Row> rows = synthesize(identity.origin(), warmup + entries);
            appendToNodeLog(nodeJdbc, rows);
            aggregator.enroll(
                    identity.origin(),
                    node.fingerprint(),
                    identity.signer().verifierKey().format());
            DataSource regional = aggregator.dataSource();

            System.out.printf(
                    Locale.ROOT,
                    "entries: %d measured after %d pushed to warm up (payload %d bytes each), machine: %d cores%n",
                    entries,
                    warmup,
                    rows.get(0).payload.length,
                    Runtime.getRuntime().availableProcessors());
            List<Row> measured = rows.subList(warmup, warmup + entries);
            DataSource nodeDatabase = national.getBean(DataSource.class);
            List<Double> raw = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                settle(regional, nodeDatabase);
                raw.add(rawBatchedInserts(regional, measured));
            }
            settle(regional, nodeDatabase);
            int port = aggregator.port();
            double pushed = push(
                    national,
                    identity,
                    nodeJdbc,
                    new JdbcTemplate(regional),
                    port,
                    nodeTls,
                    warmup,
                    entries,
                    warmupBatchSize,
                    batchSize,
                    aggregator);
            for (int r = 0; r < rounds; r++) {
                settle(regional, nodeDatabase);
                raw.add(rawBatchedInserts(regional, measured));
            }
            double rawMedian = median(raw);
            System.out.printf(
                    Locale.ROOT,
                    "rawJdbc batched (100/tx), %d rounds: %s entries/s, median %.0f%n",
                    raw.size(),
                    format(raw),
                    rawMedian);
            System.out.printf(
                    Locale.ROOT,
                    "tejido end to end (node log -> gRPC mTLS -> verified, stored): %.0f entries/s%n",
                    pushed);
            System.out.printf(Locale.ROOT, "ratio tejido/rawJdbc: %.2f (target >= 0.5)%n", pushed / rawMedian);
        } finally {
            national.close();
            aggregator.close();
            if (!"true".equals(stringArg(args, "keep", "false"))) {
                TestDirectories.deleteRecursively(work);
            } else {
                System.out.println("kept: " + work);
            }
        }
    }

    /** The aggregator under test: in this JVM, or (the default, as in a federation) a program of its own. */
    private interface Aggregator extends AutoCloseable {
        int port();

        DataSource dataSource();

        void enroll(String origin, String tlsFingerprint, String logKey) throws Exception;

        /** CPU used by its JVM when it is a separate process; 0 in this JVM (counted with it). */
        double processCpuSeconds();

        @Override
        void close() throws Exception;
    }

    private record AggregatorInJvm(ConfigurableApplicationContext context) implements Aggregator {
        static AggregatorInJvm start(Path dataDir, Path tls) {
            return new AggregatorInJvm(new SpringApplicationBuilder(Tejido.class)
                    .profiles("regional")
                    .run(
                            "--tejido.data-dir=" + dataDir,
                            "--server.port=0",
                            "--tejido.federation.server.port=0",
                            "--tejido.federation.tls-dir=" + tls,
                            "--logging.level.root=WARN"));
        }

        @Override
        public int port() {
            return context.getBean(org.tejido.regional.intake.FederationServer.class)
                    .port();
        }

        @Override
        public DataSource dataSource() {
            return context.getBean(DataSource.class);
        }

        @Override
        public void enroll(String origin, String tlsFingerprint, String logKey) {
            context.getBean(Enrollments.class).enroll(origin, tlsFingerprint, logKey);
        }

        @Override
        public double processCpuSeconds() {
            return 0;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private record AggregatorProcess(Process process, int port, int pgPort, List<String> args) implements Aggregator {
        static AggregatorProcess start(Path dataDir, Path tls) throws Exception {
            int grpc = freePort();
            int pg = freePort();
            List<String> args = List.of(
                    "--spring.profiles.active=regional",
                    "--tejido.data-dir=" + dataDir,
                    "--server.port=0",
                    "--tejido.embedded-db.port=" + pg,
                    "--tejido.federation.server.port=" + grpc,
                    "--tejido.federation.tls-dir=" + tls,
                    "--logging.level.root=WARN");
            Process process = program(args, dataDir.resolveSibling("aggregator.log"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!listening(grpc)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the aggregator did not start; see its log beside " + dataDir);
                }
                Thread.sleep(200);
            }
            return new AggregatorProcess(process, grpc, pg, args);
        }

        @Override
        public DataSource dataSource() {
            return new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                    "jdbc:postgresql://localhost:" + pgPort + "/postgres?reWriteBatchedInserts=true",
                    "postgres",
                    "",
                    true);
        }

        /** With the command line, as an operator would, while the aggregator runs. */
        @Override
        public void enroll(String origin, String tlsFingerprint, String logKey) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    "nodes", "enroll", "--origin", origin, "--tls-fingerprint", tlsFingerprint, "--log-key", logKey));
            command.addAll(args.subList(1, args.size()));
            Path output = Files.createTempFile("tejido-bench-enroll", ".log");
            Process enrolling = program(command, output);
            if (enrolling.waitFor() != 0) {
                throw new IllegalStateException("nodes enroll failed; its output is in " + output);
            }
            Files.delete(output);
        }

        @Override
        public double processCpuSeconds() {
            return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static Process program(List<String> args, Path log) throws java.io.IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // Diagnostics only (a profiler, a flight recording): never set for the reported figure.
            String options = System.getenv().getOrDefault("BENCH_AGGREGATOR_JAVA_OPTS", "");
            if (!options.isBlank()) {
                command.addAll(List.of(options.strip().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Tejido.class.getName()));
            command.addAll(args);
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        }

        private static boolean listening(int port) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }

        private static int freePort() throws java.io.IOException {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    private record Row(
            long index, byte[] entryId, byte[] target, byte[] leaf, byte[] leafHash, byte[] payload, byte[] salt) {}

    /** A log of shares as the node writes them: chained v1 leaves, minimized JSON payloads, fresh salts. */
    private static List<Row> synthesize(String origin, int n) {
        SecureRandom random = new SecureRandom();
        List<Row> rows = new ArrayList<>(n);
        byte[] previous = new byte[32];
        for (int i = 0; i < n; i++) {
            byte[] entryId = uuid(random);
            byte[] target = uuid(random);
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            byte[] payload = ("{\"scope\":\"statistics\",\"share\":{\"country\":\"MX\",\"subdivision\":\"MX-OAX\","
                            + "\"period\":\"2024-03\",\"targetKind\":\"defender\",\"aggressionTypes\":[\"death-threat\"],"
                            + "\"perpetrators\":[{\"perpetrator\":\"police\",\"involvement\":\"direct\"}],"
                            + "\"rightsDefended\":[\"land-and-territory\"],\"genderElements\":[\"sexist-smear\"],"
                            + "\"verificationStatus\":\"verified\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] leaf = LeafCodec.encode(new LeafV1(
                    origin, i, previous, entryId, LeafKind.SHARED, target, 20_000, Commitment.compute(salt, payload)));
            byte[] hash = MerkleHash.leaf(leaf);
            rows.add(new Row(i, entryId, target, leaf, hash, payload, salt));
            previous = hash;
        }
        return rows;
    }

    private static void appendToNodeLog(JdbcTemplate jdbc, List<Row> rows) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate(
                "INSERT INTO federation_entry (log_index, entry_id, kind, target_id, leaf, leaf_hash, payload, salt,"
                        + " appended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
                1000,
                (ps, row) -> {
                    ps.setLong(1, row.index);
                    ps.setObject(2, toUuid(row.entryId));
                    ps.setInt(3, LeafKind.SHARED.code());
                    ps.setObject(4, toUuid(row.target));
                    ps.setBytes(5, row.leaf);
                    ps.setBytes(6, row.leafHash);
                    ps.setBytes(7, row.payload);
                    ps.setBytes(8, row.salt);
                    ps.setTimestamp(9, now);
                });
    }

    /** The pusher from start to the aggregator's stored size reaching every entry; rate after the warm-up. */
    private static double push(
            ConfigurableApplicationContext national,
            LogIdentity identity,
            JdbcTemplate nodeJdbc,
            JdbcTemplate regional,
            int port,
            Path nodeTls,
            int warmup,
            int entries,
            int warmupBatchSize,
            int batchSize,
            Aggregator aggregator)
            throws Exception {
        AggregatorChannel channel = new AggregatorChannel("localhost:" + port, false, nodeTls);
        long total = (long) warmup + entries;
        try {
            LogPusher warming = pusher(national, identity, nodeJdbc, channel, warmupBatchSize);
            warming.start();
            try {
                while (storedSize(regional) < warmup) {
                    Thread.sleep(5);
                }
            } finally {
                warming.stop();
            }
            long startSize = awaitStoredSizeSteady(regional);
            settle(regional.getDataSource(), national.getBean(DataSource.class));
            double[] cpuAtStart = cpuSeconds(aggregator);
            // A marker for a profiler attached from outside to the measured window only.
            System.out.println("measuring from stored size " + startSize + " to " + total);
            System.out.flush();
            long startedAt = System.nanoTime();
            LogPusher measured = pusher(national, identity, nodeJdbc, channel, batchSize);
            measured.start();
            try {
                while (storedSize(regional) < total) {
                    Thread.sleep(5);
                }
                double seconds = (System.nanoTime() - startedAt) / 1e9;
                double[] cpu = cpuSeconds(aggregator);
                System.out.printf(
                        Locale.ROOT,
                        "cpu during the measured push: %.2f s wall, JVM node %.2f s, JVM aggregator %.2f s"
                                + " (0 when in this JVM: counted with the node), PostgreSQL (both) %.2f s%n",
                        seconds,
                        cpu[0] - cpuAtStart[0],
                        cpu[2] - cpuAtStart[2],
                        cpu[1] - cpuAtStart[1]);
                return (storedSize(regional) - startSize) / seconds;
            } finally {
                measured.stop();
            }
        } finally {
            channel.destroy();
        }
    }

    private static LogPusher pusher(
            ConfigurableApplicationContext national,
            LogIdentity identity,
            JdbcTemplate nodeJdbc,
            AggregatorChannel channel,
            int batchSize) {
        PushSettings settings = new PushSettings(
                batchSize,
                64,
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10));
        return LogPusher.onDatabase(
                channel.channel(),
                identity,
                nodeJdbc,
                national.getBean(PlatformTransactionManager.class),
                Clock.systemUTC(),
                settings,
                java.util.Optional.empty(),
                new SimpleMeterRegistry());
    }

    /** The aggregator's stored size once it stopped moving: what a stopped pusher had in flight is in. */
    private static long awaitStoredSizeSteady(JdbcTemplate regional) throws InterruptedException {
        long size = storedSize(regional);
        while (true) {
            Thread.sleep(1000);
            long now = storedSize(regional);
            if (now == size) {
                return size;
            }
            size = now;
        }
    }

    /**
     * CPU seconds used so far by this JVM, by every PostgreSQL process, and by the aggregator's JVM when
     * it is a process of its own (diagnostic).
     */
    private static double[] cpuSeconds(Aggregator aggregator) {
        return new double[] {BenchCpu.jvmSeconds(), BenchCpu.postgresSeconds(), aggregator.processCpuSeconds()};
    }

    private static long storedSize(JdbcTemplate regional) {
        return regional
                .query("SELECT stored_size FROM regional_log_state WHERE origin = ?", (rs, n) -> rs.getLong(1), ORIGIN)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    /** The same entries (leaf, payload, salt) inserted with JDBC batches of 100 rows per transaction. */
    /**
     * Before every measured part, outside it: the rows an earlier part inserted would otherwise wake
     * autovacuum in the middle of the next one. The raw rounds after the push ran at about half the rate
     * of those before it while the aggregator's tables were being vacuumed (and those right after the node's
     * log was written, while the node's were). Both databases are vacuumed, analyzed and checkpointed.
     */
    private static void settle(DataSource... databases) throws java.sql.SQLException {
        for (DataSource database : databases) {
            try (Connection connection = database.getConnection();
                    var statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("VACUUM (ANALYZE)");
                statement.execute("CHECKPOINT");
            }
        }
    }

    private static double rawBatchedInserts(DataSource dataSource, List<Row> rows) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_raw_entry");
                statement.execute("CREATE TABLE bench_raw_entry (origin TEXT NOT NULL, log_index BIGINT NOT NULL,"
                        + " leaf BYTEA NOT NULL, payload BYTEA, salt BYTEA, PRIMARY KEY (origin, log_index))");
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_raw_entry (origin, log_index, leaf, payload, salt) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    insert.setString(1, ORIGIN);
                    insert.setLong(2, row.index);
                    insert.setBytes(3, row.leaf);
                    insert.setBytes(4, row.payload);
                    insert.setBytes(5, row.salt);
                    insert.addBatch();
                    if ((i + 1) % 100 == 0 || i == rows.size() - 1) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            double rate = rows.size() / ((System.nanoTime() - start) / 1e9);
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE bench_raw_entry");
            }
            return rate;
        }
    }

    private static byte[] uuid(SecureRandom random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return id;
    }

    private static UUID toUuid(byte[] id) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(id);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String format(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return fallback;
    }
}
