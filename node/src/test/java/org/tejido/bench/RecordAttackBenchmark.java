package org.tejido.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.Tejido;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackRecordedEvent;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.RecordAttackCommand;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.national.protection.Protector;
import org.tejido.national.protection.Sealed;
import org.tejido.platform.projections.ProjectionStatusView;
import org.tejido.platform.projections.Projections;
import org.tejido.support.TestDirectories;

/**
 * Attacks recorded per second through the command gateway, against two baselines measured in the same
 * run on the same embedded PostgreSQL: (b) a bare Axon aggregate with one event per command and the
 * same serialized event size, and (a) raw JDBC single-row transactions inserting rows of the same
 * size into a copy of {@code domainevententry}. A program, not a test: run it with
 * {@code deploy/bench/record-attacks.sh} (see docs/benchmarks.md).
 *
 * <p>Arguments: {@code --seconds=10 --warmup=2 --max-line-settle=20 --rounds=3 --threads=1,8 --cycles=12
 * --cycle-seconds=6 --keep=false}; the verdicts come from the interleaved cycles (ADR 0025). Diagnostics,
 * never the reported figure: {@code --pool=true} wraps the node's DataSource in a HikariCP pool,
 * {@code --diagnose=true} adds a measurement of the attack command with every streaming processor stopped,
 * {@code --node.some.property=value} overrides one of the node's Spring properties.
 *
 * <p>Also measured in the same run: {@code tejido-plain}, the same attack command with the personal data
 * sealed without encryption and without a data key ({@link SwitchableProtector}), to give the cost of
 * encryption at rest as the ratio tejido/tejido-plain (target at least 0.9).
 */
public final class RecordAttackBenchmark {
    static final String TEJIDO = "tejido";
    static final String TEJIDO_PLAIN = "tejido-plain";
    static final String BARE_AXON = "bareAxon";
    static final String RAW_JDBC = "rawJdbc";
    static final String RAW_JDBC_HELD = "rawJdbcHeldConn";
    static final String TEJIDO_NO_PROJECTION = "tejidoNoProjection";
    private static final double TARGET = 0.8;
    private static final double ENCRYPTION_TARGET = 0.9;
    /** Share of wall time the JIT may still spend compiling once the node counts as warm. */
    private static final double JIT_QUIET = 0.02;

    private static final int POOL_SIZE = 10;

    private static final String RAW_INSERT = """
            INSERT INTO bench_raw_event (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                payload, payloadtype, payloadrevision, metadata)
            VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)
            """;

    /** Synthetic, about 300 characters: no real person, place or story. */
    private static final String NARRATIVE = fit(
            "Relato sintético para la medición de rendimiento. La defensora recibió llamadas con amenazas de"
                    + " muerte después de una asamblea comunitaria sobre el territorio; días después, agentes"
                    + " de policía se presentaron en su domicilio sin orden judicial y la interrogaron sobre su"
                    + " organización. Ningún dato de este texto corresponde a una persona real.",
            300);

    private final ConfigurableApplicationContext node;
    private final Options options;
    private final CommandGateway gateway;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Projections projections;
    private final AttackFacts facts;
    private final Classification classification;
    private final List<String> kinds;
    private final SwitchableProtector protector;
    private String barePadding;
    private double vacuumSeconds;
    private byte[] rawPayload;
    private byte[] rawMetadata;
    private String rawPayloadType;
    private String rawPayloadRevision;

    private RecordAttackBenchmark(ConfigurableApplicationContext node, Options options) {
        this.node = node;
        this.options = options;
        this.gateway = node.getBean(CommandGateway.class);
        this.dataSource = node.getBean(DataSource.class);
        this.jdbc = node.getBean(JdbcTemplate.class);
        this.projections = node.getBean(Projections.class);
        this.protector = node.getBean(BareAggregateRegistration.PROTECTOR, SwitchableProtector.class);
        List<String> all = options.diagnose()
                ? List.of(TEJIDO, TEJIDO_PLAIN, BARE_AXON, RAW_JDBC, RAW_JDBC_HELD, TEJIDO_NO_PROJECTION)
                : List.of(TEJIDO, TEJIDO_PLAIN, BARE_AXON, RAW_JDBC, RAW_JDBC_HELD);
        // A diagnostic subset keeps tejido, the line every ratio is taken of.
        this.kinds = options.lines().isEmpty()
                ? all
                : all.stream()
                        .filter(k -> k.equals(TEJIDO) || options.lines().contains(k))
                        .toList();
        this.facts = new AttackFacts(
                new Target("defender", null, List.of()),
                new PartialDate(2024, 3, 15),
                new Location("MX", "MX-OAX", "Municipio Ficticio"),
                List.of(new Source("direct-testimony", "confirmed")),
                "verified",
                NARRATIVE);
        this.classification = new Classification(
                List.of("death-threat", "harassment"),
                List.of(new PerpetratorInvolvement("police", "direct")),
                List.of("land-and-territory"),
                List.of("sexist-smear"));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double loadBefore = loadAverage();
        Path dataDir = Files.createTempDirectory("tejido-bench-");
        ConfigurableApplicationContext node = new SpringApplicationBuilder(Tejido.class)
                .profiles("national")
                .initializers(new BareAggregateRegistration(options.pool()))
                .run(nodeArgs(dataDir, options));
        int exit = 0;
        try {
            new RecordAttackBenchmark(node, options).run(loadBefore);
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            node.close();
            if (!options.keep()) {
                TestDirectories.deleteRecursively(dataDir);
            }
        }
        System.exit(exit);
    }

    private static String[] nodeArgs(Path dataDir, Options options) {
        List<String> args = new ArrayList<>(List.of(
                "--tejido.data-dir=" + dataDir,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        options.nodeProperties().forEach(p -> args.add("--" + p));
        return args.toArray(String[]::new);
    }

    private void run(double loadBefore) throws Exception {
        printMachine(loadBefore);
        prepare();
        warmUpEveryLine();
        printSealingCost();
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (int threads : options.threads()) {
                for (String kind : rotate(kinds, round - 1)) {
                    Result result = measure(round, kind, threads, options.seconds());
                    results.add(result);
                    System.out.println(result.line("round"));
                }
            }
        }
        List<Result> cycles = interleave();
        printSizes();
        printSummary(results);
        printInterleaved(cycles);
        System.out.printf(Locale.ROOT, "load average (1 min): before %.2f, after %.2f%n", loadBefore, loadAverage());
    }

    private void printMachine(double loadBefore) {
        System.out.println("# RecordAttackBenchmark");
        System.out.println("date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT));
        System.out.println(
                "cores (availableProcessors): " + Runtime.getRuntime().availableProcessors());
        System.out.println("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        System.out.println("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        System.out.println("postgresql: "
                + jdbc.queryForObject("SHOW server_version", String.class)
                + ", synchronous_commit=" + jdbc.queryForObject("SHOW synchronous_commit", String.class)
                + ", fsync=" + jdbc.queryForObject("SHOW fsync", String.class)
                + ", max_connections=" + jdbc.queryForObject("SHOW max_connections", String.class));
        System.out.println("node DataSource: " + dataSource.getClass().getName());
        System.out.println("event processors: "
                + node.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                        .map(p -> p.getName() + " (" + p.getClass().getSimpleName() + ")")
                        .toList());
        if (options.pool()) {
            System.out.println("DIAGNOSTIC RUN: the node's DataSource is wrapped in a HikariCP pool"
                    + " (maximumPoolSize " + POOL_SIZE + "); the node itself does not run this way");
        }
        if (!options.lines().isEmpty()) {
            System.out.println("DIAGNOSTIC RUN: only the lines " + kinds);
        }
        if (!options.nodeProperties().isEmpty()) {
            System.out.println("DIAGNOSTIC RUN: node properties overridden: " + options.nodeProperties());
        }
        System.out.println(TEJIDO_PLAIN + " = tejido with the attack's personal data sealed without encryption"
                + " (no data key created; benchmark-only Protector, see SwitchableProtector)");
        if (options.diagnose()) {
            System.out.println("DIAGNOSTIC RUN: " + TEJIDO_NO_PROJECTION
                    + " = tejido with every streaming event processor stopped while it is measured");
        }
        System.out.printf(
                Locale.ROOT,
                "options: seconds=%d warmup=%d (in slices, until the JIT is quiet, at most max-line-settle=%d)"
                        + " initial-warmup=%d rounds=%d threads=%s pool=%s diagnose=%s%n",
                options.seconds(),
                options.warmup(),
                options.maxLineSettle(),
                options.initialWarmup(),
                options.rounds(),
                options.threads(),
                options.pool(),
                options.diagnose());
    }

    /**
     * What sealing alone costs per call, on one thread, encrypted (a key from the reserve, AES-GCM) and
     * plain: the part of the encryption ratio that is cryptography. Outside any transaction, as a command
     * takes its key.
     */
    private void printSealingCost() {
        Object personal = facts.personalData();
        double[] perCall = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            for (int mode = 0; mode < 2; mode++) {
                protector.encrypt(mode == 0);
                int calls = 20_000;
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    protector.sealUnderNewKey(personal);
                }
                perCall[mode] = (System.nanoTime() - start) / 1e3 / calls;
            }
        }
        protector.encrypt(true);
        System.out.printf(
                Locale.ROOT,
                "sealing an attack's personal data, 1 thread, 20,000 calls: encrypted %.1f µs, plain %.1f µs per call%n%n",
                perCall[0],
                perCall[1]);
    }

    /** Sizes the baselines from the attack's real stored event, and creates the raw table. */
    private void prepare() {
        Serializer events = node.getBean("eventSerializer", Serializer.class);
        String sizingId = uuid();
        protector.encrypt(true);
        Sealed personal = protector.sealUnderNewKey(facts.personalData());
        int attackBytes = events.serialize(
                        new AttackRecordedEvent(sizingId, facts.withoutPersonalData(), classification, personal),
                        byte[].class)
                .getData()
                .length;
        int bareOverhead =
                events.serialize(new BareCreatedEvent(uuid(), ""), byte[].class).getData().length;
        barePadding = "x".repeat(attackBytes - bareOverhead);

        String sampleId = uuid();
        gateway.sendAndWait(new RecordAttackCommand(sampleId, facts, classification));
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT payload, metadata, payloadtype, payloadrevision FROM domainevententry"
                        + " WHERE aggregateidentifier = ?",
                sampleId);
        rawPayload = (byte[]) row.get("payload");
        rawMetadata = (byte[]) row.get("metadata");
        rawPayloadType = (String) row.get("payloadtype");
        rawPayloadRevision = (String) row.get("payloadrevision");

        jdbc.execute("CREATE TABLE bench_raw_event (LIKE domainevententry INCLUDING ALL)");
        jdbc.execute("CREATE SEQUENCE bench_raw_event_seq");
        jdbc.execute("ALTER TABLE bench_raw_event ALTER COLUMN globalindex SET DEFAULT nextval('bench_raw_event_seq')");
        System.out.printf(
                Locale.ROOT,
                "event payload: attack %d bytes (stored %d, metadata %d), bare %d bytes%n",
                attackBytes,
                rawPayload.length,
                rawMetadata == null ? 0 : rawMetadata.length,
                bareOverhead + barePadding.length());
        System.out.println();
    }

    /**
     * Each line once, at the largest thread count, before round 1, discarded: otherwise the first line
     * of round 1 also pays for compiling the whole stack, and always the same line does.
     */
    private void warmUpEveryLine() throws Exception {
        int threads =
                options.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (String kind : kinds) {
            protector.encrypt(!kind.equals(TEJIDO_PLAIN));
            timed(threads, factory(kind), Duration.ofSeconds(options.initialWarmup()));
            protector.encrypt(true);
            awaitProjection();
            vacuum();
        }
        System.out.printf(
                Locale.ROOT,
                "warm-up: every line once, %d s at %d threads, discarded%n",
                options.initialWarmup(),
                threads);
        untilTheCompilerIsQuiet(threads);
    }

    /**
     * Steady state, not a fixed time: on two cores the JIT's single C2 thread competes with every client
     * and projection thread, so after the first pass much of the stack still runs as profiled tier-3
     * code, and the first lines measured paid for it (round 1 ran up to a third slower than the others).
     * Cycles through every line, 5 s each, until a whole cycle spent under 2 % of its time compiling;
     * at most {@code --max-settle} seconds.
     */
    private void untilTheCompilerIsQuiet(int threads) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(options.maxSettle()).toNanos();
        int cycles = 0;
        double share = 1;
        while (share >= JIT_QUIET && System.nanoTime() < deadline) {
            long compileBefore = jit.getTotalCompilationTime();
            long cycleStart = System.nanoTime();
            for (String kind : kinds) {
                protector.encrypt(!kind.equals(TEJIDO_PLAIN));
                timed(threads, factory(kind), Duration.ofSeconds(5));
                protector.encrypt(true);
                awaitProjection();
                vacuum();
            }
            double cycleMillis = (System.nanoTime() - cycleStart) / 1e6;
            share = (jit.getTotalCompilationTime() - compileBefore) / cycleMillis;
            cycles++;
        }
        System.out.printf(
                Locale.ROOT,
                "settling: %d more cycle(s) of 5 s per line, %.0f s, until the JIT compiled %.1f %% of the last"
                        + " cycle's time (quiet below %.0f %%)%s%n%n",
                cycles,
                (System.nanoTime() - start) / 1e9,
                share * 100,
                JIT_QUIET * 100,
                share >= JIT_QUIET ? "; NOT QUIET, stopped at --max-settle" : "");
    }

    /**
     * The target's comparison again, in short slices: tejido, the bare aggregate and tejido-plain at
     * 8 threads, {@code --cycle-seconds} each, the order rotated every cycle. On this shared machine a
     * line's rate moves by up to a factor of 2 between rounds a minute or more apart, so a round's lines
     * can meet different machines; the lines of one cycle run within about half a minute of each other,
     * and the median of many cycles' own ratios is the paired comparison (ADR 0025).
     */
    private List<Result> interleave() throws Exception {
        List<String> lines = Stream.of(TEJIDO, BARE_AXON, TEJIDO_PLAIN)
                .filter(kinds::contains)
                .toList();
        List<Result> results = new ArrayList<>();
        if (options.cycles() == 0 || lines.size() < 2 || !options.threads().contains(8)) {
            return results;
        }
        System.out.printf(
                Locale.ROOT,
                "%ninterleaved: %d cycle(s) of %s at 8 threads, %d s each, order rotated every cycle%n",
                options.cycles(),
                lines,
                options.cycleSeconds());
        for (int cycle = 1; cycle <= options.cycles(); cycle++) {
            for (String kind : rotate(lines, cycle - 1)) {
                Result result = measure(cycle, kind, 8, options.cycleSeconds());
                results.add(result);
                System.out.println(result.line("cycle"));
            }
        }
        return results;
    }

    private Result measure(int round, String kind, int threads, int seconds) throws Exception {
        WorkerFactory factory = factory(kind);
        List<StreamingEventProcessor> processors =
                node.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                        .filter(StreamingEventProcessor.class::isInstance)
                        .map(StreamingEventProcessor.class::cast)
                        .toList();
        if (kind.equals(TEJIDO_NO_PROJECTION)) {
            processors.forEach(StreamingEventProcessor::shutDown);
        }
        protector.encrypt(!kind.equals(TEJIDO_PLAIN));
        double warmedUp = warmUpUntilCompiled(threads, factory);
        double jvmBefore = BenchCpu.jvmSeconds();
        double postgresBefore = BenchCpu.postgresSeconds();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long allocatedBefore = BenchCpu.jvmAllocatedBytes();
        Timed timed = timed(threads, factory, Duration.ofSeconds(seconds));
        protector.encrypt(true);
        if (kind.equals(TEJIDO_NO_PROJECTION)) {
            processors.forEach(StreamingEventProcessor::start);
        }
        long lagAtEnd = maxProjectionLag();
        long waitStart = System.nanoTime();
        boolean caughtUp = awaitProjection();
        double waited = (System.nanoTime() - waitStart) / 1e9;
        // The line's own operations and everything the projections did for them, nothing else.
        Cpu cpu = new Cpu(
                (BenchCpu.jvmSeconds() - jvmBefore) * 1e6 / timed.ops(),
                (BenchCpu.postgresSeconds() - postgresBefore) * 1e6 / timed.ops(),
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore,
                (BenchCpu.jvmAllocatedBytes() - allocatedBefore) / 1024.0 / timed.ops());
        vacuum();
        return new Result(
                round, kind, threads, timed.ops(), timed.seconds(), lagAtEnd, waited, caughtUp, cpu, warmedUp);
    }

    /**
     * The line's warm-up, in slices of {@code --warmup} seconds, until a slice (its projections' catch-up
     * included) spent under 2 % of its time in the JIT compiler; at most {@code --max-line-settle}
     * seconds. Why: the lines share one JVM, and a line that follows another changes the type profiles of
     * the code they share (Jackson, Axon's processors and unit of work), so the JIT deoptimizes and
     * recompiles that code when the line starts. A fixed 2 s warm-up left most of it in the measured
     * part, for the line with the most code of its own: 400-1,200 ms of compiling in tejido's 8 s at
     * 8 threads, 10-175 ms in the bare aggregate's (docs/benchmarks.md). A node runs one line only.
     *
     * @return the seconds the warm-up took
     */
    private double warmUpUntilCompiled(int threads, WorkerFactory factory) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(options.maxLineSettle()).toNanos();
        double share;
        do {
            long compileBefore = jit.getTotalCompilationTime();
            long sliceStart = System.nanoTime();
            timed(threads, factory, Duration.ofSeconds(options.warmup()));
            awaitProjection();
            share = (jit.getTotalCompilationTime() - compileBefore) / ((System.nanoTime() - sliceStart) / 1e6);
        } while (share >= JIT_QUIET && System.nanoTime() < deadline);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Between lines, outside any measurement: the rows a line inserted would otherwise wake autovacuum
     * during a later line. The lines keep their cyclic order through the rotation, so the same line
     * always followed the raw inserts and paid for vacuuming their table (tejido after
     * rawJdbcHeldConn, in every round). Every line now starts on a vacuumed, analyzed database.
     */
    private void vacuum() {
        long start = System.nanoTime();
        jdbc.execute("VACUUM (ANALYZE)");
        vacuumSeconds += (System.nanoTime() - start) / 1e9;
    }

    private WorkerFactory factory(String kind) {
        return switch (kind) {
            case TEJIDO, TEJIDO_PLAIN, TEJIDO_NO_PROJECTION ->
                () -> () -> gateway.sendAndWait(new RecordAttackCommand(uuid(), facts, classification));
            case BARE_AXON -> () -> () -> gateway.sendAndWait(new CreateBareCommand(uuid(), barePadding));
            case RAW_JDBC ->
                () -> () -> {
                    try (Connection c = dataSource.getConnection()) {
                        insertRaw(c);
                    }
                };
            case RAW_JDBC_HELD ->
                () -> {
                    Connection c = dataSource.getConnection();
                    return new Worker() {
                        @Override
                        public void op() throws SQLException {
                            insertRaw(c);
                        }

                        @Override
                        public void close() throws SQLException {
                            c.close();
                        }
                    };
                };
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** One row, one transaction, as Axon's engine writes it (explicit commit). */
    private void insertRaw(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
            ps.setString(1, uuid());
            ps.setString(2, uuid());
            ps.setString(3, "Attack");
            ps.setString(4, Instant.now().toString());
            ps.setBytes(5, rawPayload);
            ps.setString(6, rawPayloadType);
            ps.setString(7, rawPayloadRevision);
            ps.setBytes(8, rawMetadata);
            ps.executeUpdate();
        }
        c.commit();
    }

    private static Timed timed(int threads, WorkerFactory factory, Duration duration) throws Exception {
        AtomicLong start = new AtomicLong();
        CyclicBarrier ready = new CyclicBarrier(threads, () -> start.set(System.nanoTime()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    try (Worker worker = factory.create()) {
                        ready.await();
                        long deadline = start.get() + duration.toNanos();
                        long ops = 0;
                        while (System.nanoTime() < deadline) {
                            worker.op();
                            ops++;
                        }
                        return new long[] {ops, System.nanoTime()};
                    }
                }));
            }
            long ops = 0;
            long end = 0;
            for (Future<long[]> f : futures) {
                long[] r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    printCauses(e.getCause());
                    throw new IllegalStateException("A benchmark operation failed; no figure is printed", e.getCause());
                }
                ops += r[0];
                end = Math.max(end, r[1]);
            }
            return new Timed(ops, (end - start.get()) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private long maxProjectionLag() {
        return projections.statuses().stream()
                .mapToLong(ProjectionStatusView::lag)
                .max()
                .orElse(0);
    }

    /** The next measurement starts only when every projection has processed everything so far. */
    private boolean awaitProjection() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (maxProjectionLag() == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private void printSizes() {
        System.out.println();
        System.out.println("stored rows (type, count, avg payload bytes, avg metadata bytes):");
        for (String table : List.of("domainevententry", "bench_raw_event")) {
            jdbc.query(
                    "SELECT type, count(*) AS n, round(avg(length(payload))) AS p, round(avg(length(metadata))) AS m"
                            + " FROM " + table + " GROUP BY type ORDER BY type",
                    rs -> {
                        System.out.printf(
                                Locale.ROOT,
                                "  %-16s %-14s %8d %6d %6d%n",
                                table,
                                rs.getString("type"),
                                rs.getLong("n"),
                                rs.getLong("p"),
                                rs.getLong("m"));
                    });
        }
        System.out.printf(
                Locale.ROOT,
                "data_key rows: %d; personal data sealed by the benchmark's protector: %d encrypted, %d plain%n",
                jdbc.queryForObject("SELECT count(*) FROM data_key", Long.class),
                protector.sealedEncrypted(),
                protector.sealedPlain());
        System.out.printf(
                Locale.ROOT,
                "vacuum between lines: %.1f s in all%ndata keys a command had to create itself (reserve empty): %.0f%n",
                vacuumSeconds,
                node.getBean(MeterRegistry.class)
                        .get("tejido.data.keys.created.in.command")
                        .functionCounter()
                        .count());
    }

    private void printSummary(List<Result> results) {
        System.out.println();
        System.out.println("median ops/s over " + options.rounds() + " round(s):");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (int threads : options.threads()) {
            for (String kind : kinds) {
                double[] rates = results.stream()
                        .filter(r -> r.kind().equals(kind) && r.threads() == threads)
                        .mapToDouble(Result::rate)
                        .toArray();
                double median = median(rates);
                medians.put(kind + "/" + threads, median);
                System.out.printf(
                        Locale.ROOT,
                        "  %-16s threads=%d  median %8.1f ops/s   (rounds: %s)%n",
                        kind,
                        threads,
                        median,
                        Arrays.stream(rates)
                                .mapToObj(r -> String.format(Locale.ROOT, "%.1f", r))
                                .toList());
            }
        }
        System.out.println();
        System.out.println("ratios (of medians; per round in brackets):");
        for (int threads : options.threads()) {
            for (String base : kinds.subList(1, kinds.size())) {
                double ratio = medians.get(TEJIDO + "/" + threads) / medians.get(base + "/" + threads);
                List<String> perRound = new ArrayList<>();
                for (int round = 1; round <= options.rounds(); round++) {
                    perRound.add(String.format(
                            Locale.ROOT,
                            "%.2f",
                            rate(results, round, TEJIDO, threads) / rate(results, round, base, threads)));
                }
                System.out.printf(
                        Locale.ROOT, "  threads=%d  tejido/%-16s %.2f   %s%n", threads, base, ratio, perRound);
            }
        }
        if (options.threads().contains(8) && kinds.contains(BARE_AXON)) {
            double ratio = medians.get(TEJIDO + "/8") / medians.get(BARE_AXON + "/8");
            System.out.printf(
                    Locale.ROOT,
                    "%nrounds' medians at 8 threads: tejido >= %.1f x bareAxon: %.2f -> %s"
                            + " (the verdict is the interleaved cycles', below)%n",
                    TARGET,
                    ratio,
                    ratio >= TARGET ? "MET" : "NOT MET");
            double[] perRound = new double[options.rounds()];
            for (int round = 1; round <= options.rounds(); round++) {
                perRound[round - 1] = rate(results, round, TEJIDO, 8) / rate(results, round, BARE_AXON, 8);
            }
            // On a noisy machine the two medians can come from rounds far apart; a round's own ratio
            // compares lines measured within a minute of each other.
            System.out.printf(Locale.ROOT, "  median of the rounds' own ratios at 8 threads: %.2f%n", median(perRound));
        }
        printMedians(
                "CPU per operation (JVM + PostgreSQL, until the projections caught up), medians in µs:",
                results,
                r -> r.cpu().total(),
                "%s %.0f");
        printMedians(
                "heap allocated per operation (JVM, until the projections caught up), medians in kB:",
                results,
                r -> r.cpu().allocatedKb(),
                "%s %.1f");
        printMedians(
                "sustained (ops / (seconds + projections' catch-up after the line)), medians:",
                results,
                Result::sustainedRate,
                "%s %.1f");
        for (int threads : kinds.contains(TEJIDO_PLAIN) ? options.threads() : List.<Integer>of()) {
            double ratio = medians.get(TEJIDO + "/" + threads) / medians.get(TEJIDO_PLAIN + "/" + threads);
            System.out.printf(
                    Locale.ROOT,
                    "rounds' medians, encryption at %d thread(s): tejido >= %.1f x tejido-plain: %.2f -> %s%n",
                    threads,
                    ENCRYPTION_TARGET,
                    ratio,
                    ratio >= ENCRYPTION_TARGET ? "MET" : "NOT MET");
        }
    }

    /** One line per thread count: each line's median of {@code metric}. */
    private void printMedians(String title, List<Result> results, ToDoubleFunction<Result> metric, String format) {
        System.out.println();
        System.out.println(title);
        for (int threads : options.threads()) {
            List<String> line = new ArrayList<>();
            for (String kind : kinds) {
                double[] values = results.stream()
                        .filter(r -> r.kind().equals(kind) && r.threads() == threads)
                        .mapToDouble(metric)
                        .toArray();
                line.add(String.format(Locale.ROOT, format, kind, median(values)));
            }
            System.out.printf(Locale.ROOT, "  threads=%d  %s%n", threads, String.join(", ", line));
        }
    }

    /** The interleaved cycles: each cycle's own ratios, their medians, and the verdict that counts. */
    private void printInterleaved(List<Result> cycles) {
        if (cycles.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("interleaved at 8 threads, " + options.cycles() + " cycle(s):");
        for (String kind : List.of(TEJIDO, BARE_AXON, TEJIDO_PLAIN)) {
            List<Result> line =
                    cycles.stream().filter(r -> r.kind().equals(kind)).toList();
            if (line.isEmpty()) {
                continue;
            }
            long ops = line.stream().mapToLong(Result::ops).sum();
            double seconds = line.stream().mapToDouble(Result::seconds).sum();
            double cpu =
                    line.stream().mapToDouble(r -> r.cpu().total() * r.ops()).sum() / ops;
            double allocated = line.stream()
                            .mapToDouble(r -> r.cpu().allocatedKb() * r.ops())
                            .sum()
                    / ops;
            System.out.printf(
                    Locale.ROOT,
                    "  %-16s %8.1f ops/s over all cycles, cpu/op %.0f µs, alloc/op %.1f kB%n",
                    kind,
                    ops / seconds,
                    cpu,
                    allocated);
        }
        for (String base : List.of(BARE_AXON, TEJIDO_PLAIN)) {
            double[] ratios = new double[options.cycles()];
            for (int cycle = 1; cycle <= options.cycles(); cycle++) {
                ratios[cycle - 1] = rate(cycles, cycle, TEJIDO, 8) / rate(cycles, cycle, base, 8);
            }
            if (Double.isNaN(ratios[0])) {
                continue;
            }
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            double median = median(ratios);
            double target = base.equals(BARE_AXON) ? TARGET : ENCRYPTION_TARGET;
            System.out.printf(
                    Locale.ROOT,
                    "  tejido/%-16s median of the cycles' own ratios %.3f (quartiles %.2f-%.2f): target %.1f -> %s%n"
                            + "    cycles: %s%n",
                    base,
                    median,
                    median(Arrays.copyOfRange(sorted, 0, sorted.length / 2)),
                    median(Arrays.copyOfRange(sorted, (sorted.length + 1) / 2, sorted.length)),
                    target,
                    median >= target ? "MET" : "NOT MET",
                    Arrays.stream(ratios)
                            .mapToObj(r -> String.format(Locale.ROOT, "%.2f", r))
                            .toList());
        }
    }

    private static double rate(List<Result> results, int round, String kind, int threads) {
        return results.stream()
                .filter(r -> r.round() == round && r.kind().equals(kind) && r.threads() == threads)
                .mapToDouble(Result::rate)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static <T> List<T> rotate(List<T> list, int by) {
        List<T> rotated = new ArrayList<>(list);
        java.util.Collections.rotate(rotated, -(by % list.size()));
        return rotated;
    }

    /** Each cause and, for SQL errors, PostgreSQL's own message (a batch hides it behind getNextException). */
    private static void printCauses(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            System.out.println("cause: " + t.getClass().getName() + ": " + tail(t.getMessage()));
            if (t instanceof java.sql.SQLException sql) {
                for (java.sql.SQLException next = sql.getNextException();
                        next != null;
                        next = next.getNextException()) {
                    System.out.println("  next: SQLState " + next.getSQLState() + ": " + tail(next.getMessage()));
                }
            }
        }
    }

    private static String tail(String message) {
        return message == null || message.length() <= 600 ? message : "..." + message.substring(message.length() - 600);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static String fit(String text, int length) {
        StringBuilder s = new StringBuilder(text);
        while (s.length() < length) {
            s.append(' ').append(text);
        }
        return s.substring(0, length);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Registers, in the benchmark's node only, the bare baseline aggregate with Axon and the switchable
     * {@link SwitchableProtector} (primary) for the {@code tejido-plain} line.
     */
    static final class BareAggregateRegistration implements ApplicationContextInitializer<GenericApplicationContext> {
        static final String PROTECTOR = "benchSwitchableProtector";
        private final boolean pool;

        BareAggregateRegistration(boolean pool) {
            this.pool = pool;
        }

        @Override
        public void initialize(GenericApplicationContext context) {
            context.registerBean(
                    "benchBareAggregate",
                    ConfigurerModule.class,
                    () -> configurer -> configurer.configureAggregate(BareAggregate.class));
            // Primary, so that the attack's command handlers (and everything else) get it instead of
            // the node's own "protector" bean, to which it delegates while encryption is on.
            context.registerBean(
                    PROTECTOR,
                    SwitchableProtector.class,
                    () -> new SwitchableProtector(() -> context.getBean("protector", Protector.class)),
                    definition -> definition.setPrimary(true));
            if (pool) {
                context.getDefaultListableBeanFactory().addBeanPostProcessor(new PoolingDataSource());
            }
        }
    }

    /** Diagnostic only ({@code --pool=true}): what the figures would be with a connection pool. */
    static final class PoolingDataSource implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof DataSource ds && !(bean instanceof HikariDataSource)) {
                HikariConfig config = new HikariConfig();
                config.setDataSource(ds);
                config.setMaximumPoolSize(POOL_SIZE);
                config.setPoolName("bench-diagnostic");
                return new HikariDataSource(config);
            }
            return bean;
        }
    }

    @FunctionalInterface
    interface WorkerFactory {
        Worker create() throws Exception;
    }

    /** One client thread's operation; closed when the thread is done. */
    @FunctionalInterface
    interface Worker extends AutoCloseable {
        void op() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    record Timed(long ops, double seconds) {}

    /**
     * CPU microseconds per operation, from the line's start until its projections caught up, the time
     * the JIT spent compiling in the same window (a line that still compiles is not steady), and the
     * kilobytes the JVM allocated per operation: unlike CPU time, which this virtual machine's neighbours
     * inflate, allocation does not depend on the machine's load.
     */
    record Cpu(double jvm, double postgres, long jitMillis, double allocatedKb) {
        double total() {
            return jvm + postgres;
        }
    }

    record Result(
            int round,
            String kind,
            int threads,
            long ops,
            double seconds,
            long projectionLagAtEnd,
            double projectionCatchUpSeconds,
            boolean caughtUp,
            Cpu cpu,
            double warmUpSeconds) {
        double rate() {
            return ops / seconds;
        }

        /** Counting the time the projections needed after the line to catch up: what a node can keep up. */
        double sustainedRate() {
            return ops / (seconds + projectionCatchUpSeconds);
        }

        String line(String phase) {
            String projection = !kind.startsWith("raw")
                    ? String.format(
                            Locale.ROOT,
                            "  [projections: max lag %d at end, caught up %s%.1f s later]",
                            projectionLagAtEnd,
                            caughtUp ? "" : "NOT ",
                            projectionCatchUpSeconds)
                    : "";
            return String.format(
                    Locale.ROOT,
                    "%s %d  %-16s threads=%d  ops=%7d  seconds=%6.2f  ops/s=%8.1f  cpu/op=%5.0f µs (jvm %.0f,"
                            + " postgres %.0f; jit %d ms; alloc %.1f kB; warm-up %.0f s)%s",
                    phase,
                    round,
                    kind,
                    threads,
                    ops,
                    seconds,
                    rate(),
                    cpu.total(),
                    cpu.jvm(),
                    cpu.postgres(),
                    cpu.jitMillis(),
                    cpu.allocatedKb(),
                    warmUpSeconds,
                    projection);
        }
    }

    record Options(
            int seconds,
            int warmup,
            int initialWarmup,
            int maxSettle,
            int maxLineSettle,
            int rounds,
            int cycles,
            int cycleSeconds,
            List<Integer> threads,
            boolean keep,
            boolean pool,
            boolean diagnose,
            List<String> lines,
            List<String> nodeProperties) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("seconds", System.getProperty("bench.seconds", "10"));
            values.put("warmup", System.getProperty("bench.warmup", "2"));
            values.put("initial-warmup", System.getProperty("bench.initial-warmup", "10"));
            values.put("max-settle", System.getProperty("bench.max-settle", "120"));
            values.put("max-line-settle", System.getProperty("bench.max-line-settle", "20"));
            values.put("rounds", System.getProperty("bench.rounds", "3"));
            values.put("cycles", System.getProperty("bench.cycles", "12"));
            values.put("cycle-seconds", System.getProperty("bench.cycle-seconds", "6"));
            values.put("threads", System.getProperty("bench.threads", "1,8"));
            values.put("keep", System.getProperty("bench.keep", "false"));
            values.put("pool", System.getProperty("bench.pool", "false"));
            values.put("diagnose", System.getProperty("bench.diagnose", "false"));
            values.put("lines", System.getProperty("bench.lines", ""));
            List<String> nodeProperties = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--node.") && arg.contains("=")) {
                    nodeProperties.add(arg.substring("--node.".length()));
                    continue;
                }
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("Expected --name=value, got " + arg);
                }
                String name = arg.substring(2, arg.indexOf('='));
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("Unknown option " + name + "; known: " + values.keySet());
                }
                values.put(name, arg.substring(arg.indexOf('=') + 1));
            }
            if (Integer.parseInt(values.get("cycles")) < 0 || Integer.parseInt(values.get("cycle-seconds")) < 1) {
                throw new IllegalArgumentException("--cycles must be 0 or more and --cycle-seconds 1 or more");
            }
            return new Options(
                    Integer.parseInt(values.get("seconds")),
                    Integer.parseInt(values.get("warmup")),
                    Integer.parseInt(values.get("initial-warmup")),
                    Integer.parseInt(values.get("max-settle")),
                    Integer.parseInt(values.get("max-line-settle")),
                    Integer.parseInt(values.get("rounds")),
                    Integer.parseInt(values.get("cycles")),
                    Integer.parseInt(values.get("cycle-seconds")),
                    Arrays.stream(values.get("threads").split(","))
                            .map(String::strip)
                            .map(Integer::valueOf)
                            .toList(),
                    Boolean.parseBoolean(values.get("keep")),
                    Boolean.parseBoolean(values.get("pool")),
                    Boolean.parseBoolean(values.get("diagnose")),
                    Arrays.stream(values.get("lines").split(","))
                            .map(String::strip)
                            .filter(l -> !l.isEmpty())
                            .toList(),
                    List.copyOf(nodeProperties));
        }
    }
}
