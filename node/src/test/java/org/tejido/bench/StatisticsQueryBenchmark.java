package org.tejido.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.Tejido;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.catalogue.Catalogue;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.generator.FederationWriter;
import org.tejido.regional.statistics.generator.SyntheticFederation;
import org.tejido.regional.statistics.release.Releases;
import org.tejido.regional.statistics.store.StatisticsReader;
import org.tejido.support.Http;
import org.tejido.support.PageClient;
import org.tejido.support.TestDirectories;
import org.tejido.support.TestNodes;
import org.tejido.support.TestUsers;
import org.tejido.vocabulary.Vocabulary;

/**
 * HTTP latency of the analysts' tables ({@code GET /api/statistics/tables?year=Y}) on an aggregator
 * holding N entries of a synthetic federation (docs/benchmarks.md, "Statistics queries"), against a
 * trivial authenticated GET ({@code /api/vocabulary}) measured in the same run.
 *
 * <p>An aggregator (regional profile, embedded PostgreSQL, no gRPC endpoint) is filled through its real
 * intake with {@code --entries} generated entries over {@code --years} years ({@link FederationWriter}:
 * signed batches, verified and stored); the fill rate is printed. Then, for a small year of
 * {@code --small-year-attacks} attacks pushed by the same origins (a year whose protection finishes on
 * this machine), and for the last full year: the first call (a new provisional computation, timed once)
 * and {@code --calls} repeated, cached calls of the whole year and of a filtered selection, with their
 * p50, p95 and p99. The full year's first call runs on another thread under {@code --budget}; past it the
 * run says so, with the year's records and inner cells, and ends.
 *
 * <pre>
 * deploy/bench/statistics-queries.sh [--entries=1000000] [--years=10] [--budget=PT10M] [--calls=200]
 *     [--small-year-attacks=200] [--seed=1] [--per-push=1024]
 * </pre>
 */
public final class StatisticsQueryBenchmark {
    private static final int FIRST_YEAR = 2014;
    private static final int WARM_UP_CALLS = 30;

    private StatisticsQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int entries = Integer.parseInt(options.getOrDefault("entries", "1000000"));
        int years = Integer.parseInt(options.getOrDefault("years", "10"));
        Duration budget = Duration.parse(options.getOrDefault("budget", "PT10M"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "200"));
        int smallYearAttacks = Integer.parseInt(options.getOrDefault("small-year-attacks", "200"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        int perPush = Integer.parseInt(options.getOrDefault("per-push", "1024"));

        Path dataDir = TestDirectories.create("bench-queries-");
        ConfigurableApplicationContext aggregator = new SpringApplicationBuilder(Tejido.class)
                .profiles("regional")
                .run(
                        "--tejido.data-dir=" + dataDir,
                        "--server.port=0",
                        "--tejido.federation.server.enabled=false",
                        "--logging.level.root=WARN");
        boolean finished = false;
        try {
            finished = run(aggregator, entries, years, budget, calls, smallYearAttacks, seed, perPush);
        } finally {
            close(aggregator, finished);
            TestDirectories.deleteRecursively(dataDir);
        }
        // A computation past its budget still runs on a server thread: nothing else would end it.
        System.exit(0);
    }

    private static boolean run(
            ConfigurableApplicationContext aggregator,
            int entries,
            int years,
            Duration budget,
            int calls,
            int smallYearAttacks,
            long seed,
            int perPush)
            throws Exception {
        // about 2.5 % of entries are amendments and revocations
        int attacksPerYear = (int) Math.round(entries / (double) years / 1.025);
        long generating = System.nanoTime();
        SyntheticFederation federation = SyntheticFederation.generate(SyntheticFederation.Settings.defaults(seed)
                .withAttacksPerYear(attacksPerYear)
                .withYears(FIRST_YEAR, years));
        int smallYear = FIRST_YEAR + years;
        SyntheticFederation small = SyntheticFederation.generate(SyntheticFederation.Settings.defaults(seed + 1)
                .withAttacksPerYear(smallYearAttacks)
                .withYears(smallYear, 1));
        System.out.printf(
                "generated: %,d entries (%,d attacks a year in %d countries, %d–%d) and %,d entries of %d,"
                        + " in %.1f s%n",
                federation.entries(),
                attacksPerYear,
                federation.settings().countries().size(),
                FIRST_YEAR,
                smallYear - 1,
                small.entries(),
                smallYear,
                (System.nanoTime() - generating) / 1e9);

        FederationWriter writer = new FederationWriter(aggregator, perPush);
        double jvm = BenchCpu.jvmSeconds();
        double pg = BenchCpu.postgresSeconds();
        FederationWriter.Written fill = writer.write(federation);
        System.out.printf(
                "fill: %,d entries in %,d pushes of up to %,d entries (batches of 256) in %.1f s: %,.0f entries/s"
                        + " (CPU per entry: JVM %.1f µs, PostgreSQL %.1f µs)%n",
                fill.entries(),
                fill.pushes(),
                perPush,
                fill.seconds(),
                fill.entriesPerSecond(),
                (BenchCpu.jvmSeconds() - jvm) / fill.entries() * 1e6,
                (BenchCpu.postgresSeconds() - pg) / fill.entries() * 1e6);
        writer.write(small);
        JdbcTemplate jdbc = aggregator.getBean(JdbcTemplate.class);
        jdbc.execute("VACUUM ANALYZE");
        jdbc.execute("CHECKPOINT");
        System.out.printf(
                "aggregator holds: %,d log entries, %,d statistics rows%n",
                jdbc.queryForObject("SELECT sum(stored_size) FROM regional_log_state", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM regional_statistics", Long.class));

        Http analyst = TestNodes.http(aggregator, "analyst");
        measure("baseline GET /api/vocabulary", analyst, "/api/vocabulary", calls);

        StatisticsReader reader = aggregator.getBean(StatisticsReader.class);
        System.out.printf(
                "-- small year %d (a smaller setting: %,d attacks pushed by the same origins)%n",
                smallYear, smallYearAttacks);
        describe(reader, smallYear);
        First smallFirst = firstCall(analyst, smallYear, budget);
        if (smallFirst == First.ANSWERED) {
            measureYear(aggregator, analyst, smallYear, calls);
        } else if (smallFirst == First.OVER_BUDGET) {
            return false;
        }

        int fullYear = smallYear - 1;
        System.out.printf("-- full year %d (%,d attacks a year in all)%n", fullYear, attacksPerYear);
        describe(reader, fullYear);
        First full = firstCall(analyst, fullYear, budget);
        if (full == First.ANSWERED) {
            measureYear(aggregator, analyst, fullYear, calls);
            // After both first calls, so that the page's own computation of the year before (during its
            // warm-up) does not stand in for a first call measured above.
            System.out.println("-- the dashboard page (each year's and the year before's release cached)");
            if (smallFirst == First.ANSWERED) {
                measureDashboard(aggregator, smallYear, calls);
            }
            measureDashboard(aggregator, fullYear, calls);
        }
        return full != First.OVER_BUDGET;
    }

    /** The year's records and the inner cells of its model (what the engine protects). */
    private static void describe(StatisticsReader reader, int year) {
        List<StatisticsRecord> records =
                reader.read(Optional.of(String.valueOf(year))).records();
        int inner = new Catalogue(Vocabulary.load())
                .model(year, records)
                .innerCells()
                .size();
        System.out.printf("year %d: %,d records, %,d inner cells%n", year, records.size(), inner);
    }

    private enum First {
        ANSWERED,
        REFUSED,
        OVER_BUDGET
    }

    /** The year's first call, on another thread: its time once, or, past the budget, that it did not finish. */
    private static First firstCall(Http analyst, int year, Duration budget) throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "first-call");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        Future<Http.Response> call = thread.submit(() -> analyst.get(tables(year)));
        thread.shutdown();
        try {
            Http.Response response = call.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            System.out.printf(
                    "first call (a new provisional computation): %.2f s, HTTP %d, %,d bytes%n",
                    (System.nanoTime() - started) / 1e9,
                    response.status(),
                    response.body().length());
            if (response.status() != 200) {
                System.out.println("  answer: " + response.body());
                return First.REFUSED;
            }
            return First.ANSWERED;
        } catch (TimeoutException e) {
            System.out.printf(
                    "first call (a new provisional computation): NOT FINISHED after %s; nothing measured for this"
                            + " year%n",
                    budget);
            return First.OVER_BUDGET;
        } catch (ExecutionException e) {
            System.out.println("first call failed: " + e.getCause());
            return First.REFUSED;
        }
    }

    private static void measureYear(ConfigurableApplicationContext aggregator, Http analyst, int year, int calls) {
        measure("cached GET " + tables(year), analyst, tables(year), calls);
        String filtered = tables(year) + "&tables=country-by-aggression&countries=HN";
        measure("cached GET " + filtered, analyst, filtered, calls);
        // Diagnostics: where a cached call's time goes, the same calls in process, without HTTP.
        Releases releases = aggregator.getBean(Releases.class);
        StatisticsReader reader = aggregator.getBean(StatisticsReader.class);
        measure(
                "  in process: Releases.provisional (cached), no HTTP",
                calls,
                () -> releases.provisional(year, Parameters.DEFAULT));
        measure("  in process: StatisticsReader.freshness(), part of it", calls, reader::freshness);
    }

    /**
     * The dashboard page as a signed-in analyst's browser asks for it (session cookie, Thymeleaf): the
     * year's provisional release and the year before's, the origins' freshness, the year's releases.
     */
    private static void measureDashboard(ConfigurableApplicationContext aggregator, int year, int calls) {
        PageClient browser = new PageClient(TestNodes.port(aggregator));
        browser.signIn(TestUsers.person(aggregator, "analyst"));
        String dashboard = "/statistics?year=" + year;
        measure("cached GET " + dashboard + " (dashboard page, session)", calls, () -> {
            PageClient.Page page = browser.get(dashboard);
            if (page.status() != 200 || !page.body().contains("headline-0")) {
                throw new IllegalStateException(dashboard + " answered " + page.status() + " without figures");
            }
        });
    }

    private static void measure(String label, int calls, Runnable call) {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            call.run();
        }
        List<Double> millis = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            call.run();
            millis.add((System.nanoTime() - started) / 1e6);
        }
        print(label, millis);
    }

    private static String tables(int year) {
        return "/api/statistics/tables?year=" + year;
    }

    /** Latency of {@code calls} sequential GETs after a warm-up, client side, body read. */
    private static void measure(String label, Http client, String path, int calls) {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            check(client.get(path), path);
        }
        List<Double> millis = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            Http.Response response = client.get(path);
            millis.add((System.nanoTime() - started) / 1e6);
            check(response, path);
        }
        print(label, millis);
    }

    private static void print(String label, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf(
                "%s: %d calls, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label,
                sorted.size(),
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static void check(Http.Response response, String path) {
        if (response.status() != 200) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
    }

    /** Nearest rank. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Closes the aggregator (and its PostgreSQL); with a computation still running, without waiting for it. */
    private static void close(ConfigurableApplicationContext aggregator, boolean finished) throws InterruptedException {
        if (finished) {
            aggregator.close();
            return;
        }
        Thread closing = new Thread(aggregator::close, "close");
        closing.setDaemon(true);
        closing.start();
        closing.join(Duration.ofMinutes(2).toMillis());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return options;
    }
}
