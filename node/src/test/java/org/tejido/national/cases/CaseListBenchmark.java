package org.tejido.national.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * How long the case list ({@code GET /api/attacks}) takes on a node holding a million attacks (issue 21:
 * p95 under 20 ms). A program, not a test: run it with {@code deploy/bench/case-list.sh}
 * (docs/benchmarks.md, ADR 0031).
 *
 * <p>It fills an embedded PostgreSQL, migrated with the node's own Flyway migrations (so with its
 * indexes), with synthetic {@code case_summary} rows written by {@link NewCaseRows} (binary COPY, as the
 * {@code cases} projection writes them), in recording order: dates over 15 years with more cases in recent
 * years, most recorded within weeks of the date and a part imported years later; aggression types,
 * subdivisions, statuses and target kinds from the vocabulary with a skewed (Zipf-like) frequency. Then
 * {@code VACUUM (ANALYZE)}, as autovacuum would have done, and it times {@link CaseQueries#list}, the code
 * the API calls, for each shape of query: the client's wall time per call, p50, p95 and p99 over
 * {@code --runs} calls after {@code --warmup} discarded ones. Shapes that take a value (a subdivision, a
 * type) draw it at random for each call from the values named.
 *
 * <p>Baselines, measured in the same run on the same database: a read of one case by primary key (the
 * floor of any query), and the paging this replaced, {@code OFFSET} plus an exact {@code count(*)}, for a
 * few shapes and fewer calls (each takes a scan of the table).
 *
 * <p>Arguments: {@code --rows=1000000 --runs=300 --warmup=50 --pages=50 --explain=false
 * --hold-seconds=0 --setup-sql=<file>}. {@code --explain=true} prints {@code EXPLAIN (ANALYZE, BUFFERS)}
 * of each shape's first call; {@code --hold-seconds} keeps the database up after loading (its port is
 * printed) for a look with psql; {@code --setup-sql} runs a file of SQL after loading (diagnostics only,
 * e.g. an index under trial; never for the reported figure).
 */
public final class CaseListBenchmark {
    private static final LocalDate FIRST_DAY = LocalDate.of(2011, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    private static final int BATCH = 10_000;

    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final CaseQueries queries;
    private final Random random = new Random(21);
    private final Vocab vocab;
    private final Map<String, double[]> weights = new java.util.HashMap<>();

    private CaseListBenchmark(JdbcTemplate jdbc, Vocab vocab) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        // The list reads only case_summary; the event stream (AttackHistory) is for the case detail.
        this.queries = new CaseQueries(named, null);
        this.vocab = vocab;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "rows", "1000000",
                "runs", "300",
                "warmup", "50",
                "pages", "50",
                "explain", "false",
                "hold-seconds", "0",
                "setup-sql", ""));
        for (String arg : args) {
            String name = arg.replaceFirst("^--", "").replaceFirst("=.*", "");
            if (!options.containsKey(name) || !arg.contains("=")) {
                throw new IllegalArgumentException(
                        "Expected one of " + options.keySet() + " as --name=value, got " + arg);
            }
            options.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        int rows = Integer.parseInt(options.get("rows"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_wal_size", "4GB")
                .start()) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                    postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", true);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            System.out.printf(
                    Locale.ROOT,
                    "# CaseListBenchmark%npostgresql: %s, %,d cases, %s calls per shape after %s discarded,"
                            + " cursor walk of %s pages%n",
                    jdbc.queryForObject("SHOW server_version", String.class),
                    rows,
                    options.get("runs"),
                    options.get("warmup"),
                    options.get("pages"));
            CaseListBenchmark bench = new CaseListBenchmark(jdbc, Vocab.load());
            bench.load(rows);
            if (!options.get("setup-sql").isEmpty()) {
                System.out.println("setup (diagnostic): " + options.get("setup-sql"));
                jdbc.execute(Files.readString(Path.of(options.get("setup-sql"))));
                jdbc.execute("VACUUM (ANALYZE) case_summary");
            }
            int hold = Integer.parseInt(options.get("hold-seconds"));
            if (hold > 0) {
                System.out.printf(
                        "holding the database for %d s: psql -h localhost -p %d -U postgres postgres%n",
                        hold, postgres.getPort());
                Thread.sleep(hold * 1000L);
            }
            bench.measure(
                    Integer.parseInt(options.get("runs")),
                    Integer.parseInt(options.get("warmup")),
                    Integer.parseInt(options.get("pages")),
                    Boolean.parseBoolean(options.get("explain")));
        }
    }

    // ---- data

    private void load(int rows) {
        long started = System.nanoTime();
        List<NewCaseRows.Row> all = new ArrayList<>(rows);
        long days = ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;
        Instant end = LAST_DAY.plusDays(30).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        for (int i = 0; i < rows; i++) {
            // More cases in later years: the day's position drawn with a density growing linearly.
            long day = (long) (Math.sqrt(random.nextDouble()) * days);
            LocalDate date = FIRST_DAY.plusDays(Math.min(day, days - 1));
            double precision = random.nextDouble();
            String occurredOn;
            LocalDate from;
            LocalDate to;
            if (precision < 0.75) {
                occurredOn = date.toString();
                from = date;
                to = date;
            } else if (precision < 0.93) {
                from = date.withDayOfMonth(1);
                to = from.plusMonths(1).minusDays(1);
                occurredOn = from.toString().substring(0, 7);
            } else {
                from = date.withDayOfYear(1);
                to = from.plusYears(1).minusDays(1);
                occurredOn = String.valueOf(from.getYear());
            }
            // Recorded a few days to weeks after the date, or imported in bulk years later (one in ten).
            Instant recorded = random.nextInt(10) == 0
                    ? Instant.parse("2019-03-01T00:00:00Z").plusSeconds(random.nextInt(86_400 * 30))
                    : date.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds((long)
                            (-Math.log(1 - random.nextDouble()) * 86_400 * 12));
            if (recorded.isBefore(date.atStartOfDay().toInstant(java.time.ZoneOffset.UTC))) {
                recorded =
                        date.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(3_600);
            }
            if (recorded.isAfter(end)) {
                recorded = end;
            }
            recorded = recorded.plusNanos(random.nextInt(1_000_000) * 1_000L);
            String subdivision =
                    random.nextInt(20) == 0 ? null : vocab.subdivisions.get(zipf(vocab.subdivisions.size(), 0.8));
            String country = subdivision == null
                    ? vocab.countries.get(zipf(vocab.countries.size(), 1))
                    : subdivision.substring(0, 2);
            Set<String> types = new LinkedHashSet<>();
            int n = 1 + (random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2);
            while (types.size() < n) {
                types.add(vocab.types.get(zipf(vocab.types.size(), 1.4)));
            }
            Set<String> groups = new LinkedHashSet<>();
            types.forEach(t -> groups.add(vocab.groupOf.get(t)));
            double s = random.nextDouble();
            String status =
                    s < 0.55 ? "verified" : s < 0.80 ? "unverified" : s < 0.97 ? "in-verification" : "dismissed";
            String kind = vocab.kinds.get(zipf(vocab.kinds.size(), 1.5));
            all.add(new NewCaseRows.Row(
                    UUID.randomUUID(),
                    recorded,
                    occurredOn,
                    from,
                    to,
                    country,
                    subdivision,
                    kind,
                    List.copyOf(types),
                    List.copyOf(groups),
                    status));
        }
        // The table in the order the cases were recorded, as a node's would be.
        all.sort(Comparator.comparing(NewCaseRows.Row::recordedAt));
        for (int i = 0; i < all.size(); i += BATCH) {
            jdbc.execute("BEGIN");
            NewCaseRows.write(jdbc, all.subList(i, Math.min(all.size(), i + BATCH)));
            jdbc.execute("COMMIT");
        }
        long copied = System.nanoTime();
        jdbc.execute("VACUUM (ANALYZE) case_summary");
        System.out.printf(
                Locale.ROOT,
                "loaded %,d cases in %.1f s by COPY, vacuumed and analyzed in %.1f s; table %s, indexes %s%n",
                rows,
                (copied - started) / 1e9,
                (System.nanoTime() - copied) / 1e9,
                jdbc.queryForObject("SELECT pg_size_pretty(pg_table_size('case_summary'))", String.class),
                jdbc.queryForObject("SELECT pg_size_pretty(pg_indexes_size('case_summary'))", String.class));
        System.out.println("share of cases per value (the rarest and most common drawn):");
        for (String[] probe : List.of(
                new String[] {"type", "aggression_types @> ARRAY['" + vocab.types.get(0) + "']"},
                new String[] {"type", "aggression_types @> ARRAY['" + last(vocab.types) + "']"},
                new String[] {"group", "aggression_groups @> ARRAY['" + vocab.groupOf.get(last(vocab.types)) + "']"},
                new String[] {"subdivision", "subdivision = '" + vocab.subdivisions.get(0) + "'"},
                new String[] {"subdivision", "subdivision = '" + last(vocab.subdivisions) + "'"},
                new String[] {"status", "verification_status = 'dismissed'"})) {
            long count = jdbc.queryForObject("SELECT count(*) FROM case_summary WHERE " + probe[1], Long.class);
            System.out.printf(Locale.ROOT, "  %-70s %,9d  %6.3f %%%n", probe[1], count, 100.0 * count / rows);
        }
    }

    /** An index from 0 to n - 1, the first ones far more often: weight 1 / (index + 1) ^ skew. */
    private int zipf(int n, double skew) {
        double[] cumulative = weights.computeIfAbsent(n + "^" + skew, k -> {
            double[] c = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += Math.pow(i + 1, -skew);
                c[i] = total;
            }
            return c;
        });
        int i = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[n - 1]);
        return Math.min(n - 1, i >= 0 ? i : -i - 1);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    // ---- measurement

    private record Shape(String name, Supplier<ListCasesQuery> query) {}

    private void measure(int runs, int warmup, int pages, boolean explain) {
        String commonType = vocab.types.get(0);
        String rareType = vocab.rareType;
        List<String> bigSubdivisions = vocab.subdivisions.subList(0, 5);
        List<String> smallSubdivisions =
                vocab.subdivisions.subList(vocab.subdivisions.size() - 20, vocab.subdivisions.size());
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape("first page, no filter", () -> query(null, null, null, null, null, null, null)));
        CaseCursor deep = walk(query(null, null, null, null, null, null, null), pages);
        shapes.add(new Shape(
                "page " + (pages + 1) + " by cursor, no filter",
                () -> query(null, null, null, null, null, null, deep)));
        shapes.add(new Shape("period: one year (random year)", () -> {
            LocalDate from = LocalDate.of(2011 + random.nextInt(15), 1, 1);
            return query(from, from.plusYears(1).minusDays(1), null, null, null, null, null);
        }));
        shapes.add(new Shape("period: one day (random day)", () -> {
            LocalDate day = FIRST_DAY.plusDays(random.nextInt(5_000));
            return query(day, day, null, null, null, null, null);
        }));
        shapes.add(new Shape(
                "type: any (random of all)", () -> query(null, null, pick(vocab.types), null, null, null, null)));
        shapes.add(new Shape(
                "type: most common (" + commonType + ")", () -> query(null, null, commonType, null, null, null, null)));
        shapes.add(
                new Shape("type: rare (" + rareType + ")", () -> query(null, null, rareType, null, null, null, null)));
        shapes.add(new Shape(
                "group: any (random of all)", () -> query(null, null, null, pick(vocab.groups), null, null, null)));
        shapes.add(new Shape(
                "subdivision: any (random of all)",
                () -> query(null, null, null, null, pick(vocab.subdivisions), null, null)));
        shapes.add(new Shape(
                "subdivision: one of the 5 largest",
                () -> query(null, null, null, null, pick(bigSubdivisions), null, null)));
        shapes.add(new Shape(
                "subdivision: one of the 20 smallest",
                () -> query(null, null, null, null, pick(smallSubdivisions), null, null)));
        shapes.add(new Shape(
                "status: any (random of all)", () -> query(null, null, null, null, null, pick(vocab.statuses), null)));
        shapes.add(new Shape("status: dismissed (3 %)", () -> query(null, null, null, null, null, "dismissed", null)));
        shapes.add(new Shape(
                "large subdivision + rare type",
                () -> query(null, null, rareType, null, pick(bigSubdivisions), null, null)));
        shapes.add(new Shape(
                "small subdivision + rare type",
                () -> query(null, null, rareType, null, pick(smallSubdivisions), null, null)));
        shapes.add(
                new Shape("rare type + dismissed", () -> query(null, null, rareType, null, null, "dismissed", null)));
        shapes.add(new Shape("random group + random status + one year", () -> {
            LocalDate from = LocalDate.of(2011 + random.nextInt(15), 1, 1);
            return query(
                    from, from.plusYears(1).minusDays(1), null, pick(vocab.groups), null, pick(vocab.statuses), null);
        }));
        shapes.add(new Shape("every filter, random values", () -> {
            LocalDate from = LocalDate.of(2011 + random.nextInt(15), 1 + random.nextInt(12), 1);
            String type = pick(vocab.types);
            return query(
                    from,
                    from.plusMonths(3),
                    type,
                    vocab.groupOf.get(type),
                    pick(vocab.subdivisions),
                    pick(vocab.statuses),
                    null);
        }));
        shapes.add(new Shape("random type + random subdivision, page 2", () -> {
            ListCasesQuery first = query(null, null, pick(vocab.types), null, pick(vocab.subdivisions), null, null);
            CasePageView page = queries.list(first);
            return page.next() == null ? first : withCursor(first, CaseCursor.decode(page.next()));
        }));

        System.out.printf(
                "%-48s %8s %8s %8s %8s  %s%n",
                "shape (CaseQueries.list, 20 per page)", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean items");
        for (Shape shape : shapes) {
            if (explain) {
                explain(shape.name(), shape.query().get());
            }
            double[] ms = new double[runs];
            long items = 0;
            for (int i = 0; i < warmup + runs; i++) {
                ListCasesQuery q = shape.query().get();
                long t0 = System.nanoTime();
                CasePageView page = queries.list(q);
                long t = System.nanoTime() - t0;
                if (i >= warmup) {
                    ms[i - warmup] = t / 1e6;
                    items += page.items().size();
                }
            }
            print(shape.name(), ms, String.format(Locale.ROOT, "%.1f", (double) items / runs));
        }

        // Cursor walk: the time of each of `pages` pages in turn, no filter.
        double[] walk = new double[pages];
        ListCasesQuery q = query(null, null, null, null, null, null, null);
        for (int i = 0; i < pages; i++) {
            long t0 = System.nanoTime();
            CasePageView page = queries.list(q);
            walk[i] = (System.nanoTime() - t0) / 1e6;
            q = withCursor(q, CaseCursor.decode(page.next()));
        }
        print("cursor walk: each of " + pages + " pages in turn", walk, "20.0");

        System.out.println("baselines, same run and database:");
        List<UUID> ids =
                jdbc.queryForList("SELECT attack_id FROM case_summary TABLESAMPLE SYSTEM (1) LIMIT 1000", UUID.class);
        double[] pk = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
            UUID id = ids.get(random.nextInt(ids.size()));
            long t0 = System.nanoTime();
            named.queryForList("SELECT * FROM case_summary WHERE attack_id = :id", new MapSqlParameterSource("id", id));
            if (i >= warmup) {
                pk[i - warmup] = (System.nanoTime() - t0) / 1e6;
            }
        }
        print("one case by primary key", pk, "1.0");
        int oldRuns = Math.max(10, runs / 15);
        print("old: page 1 + count(*), no filter", old(oldRuns, 0, null, null), "20.0");
        print("old: page " + (pages + 1) + " by OFFSET + count(*), no filter", old(oldRuns, pages, null, null), "20.0");
        print("old: page 1 + count(*), random subdivision", old(oldRuns, 0, "subdivision", vocab.subdivisions), "");
        print("old: page 1 + count(*), random type", old(oldRuns, 0, "type", vocab.types), "");
    }

    /** The paging this replaced (the code before ADR 0031): OFFSET and an exact count. */
    private double[] old(int runs, int page, String filter, List<String> values) {
        double[] ms = new double[runs];
        for (int i = 0; i < 2 + runs; i++) {
            MapSqlParameterSource params = new MapSqlParameterSource();
            String where = "";
            if ("subdivision".equals(filter)) {
                where = " WHERE subdivision = :v";
                params.addValue("v", pick(values));
            } else if ("type".equals(filter)) {
                where = " WHERE :v = ANY (aggression_types)";
                params.addValue("v", pick(values));
            }
            long t0 = System.nanoTime();
            named.queryForObject("SELECT count(*) FROM case_summary" + where, params, Long.class);
            params.addValue("limit", 20).addValue("offset", page * 20L);
            named.queryForList(
                    "SELECT * FROM case_summary" + where + CaseQueries.LIST_ORDER + " LIMIT :limit OFFSET :offset",
                    params);
            if (i >= 2) {
                ms[i - 2] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }

    private CaseCursor walk(ListCasesQuery first, int pages) {
        ListCasesQuery q = first;
        CasePageView page = null;
        for (int i = 0; i < pages; i++) {
            page = queries.list(q);
            q = withCursor(q, CaseCursor.decode(page.next()));
        }
        return q.after();
    }

    private void explain(String name, ListCasesQuery query) {
        CaseQueries.Sql sql = CaseQueries.listSql(query);
        System.out.println("-- " + name);
        named.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql.text(), sql.params(), String.class)
                .forEach(line -> System.out.println("   " + line));
    }

    private static ListCasesQuery query(
            LocalDate from,
            LocalDate to,
            String type,
            String group,
            String subdivision,
            String status,
            CaseCursor after) {
        return new ListCasesQuery(from, to, type, group, subdivision, status, after, 20);
    }

    private static ListCasesQuery withCursor(ListCasesQuery q, CaseCursor after) {
        return new ListCasesQuery(
                q.from(),
                q.to(),
                q.aggressionType(),
                q.aggressionGroup(),
                q.subdivision(),
                q.verificationStatus(),
                after,
                q.size());
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static void print(String name, double[] ms, String items) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-48s %8.2f %8.2f %8.2f %8.2f  %s%n",
                name,
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted[sorted.length - 1],
                items);
    }

    /** Nearest rank. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The vocabulary's codes, in the order of their frequency in the synthetic registry. */
    private record Vocab(
            List<String> countries,
            List<String> subdivisions,
            List<String> types,
            List<String> groups,
            Map<String, String> groupOf,
            List<String> statuses,
            List<String> kinds,
            String rareType) {
        static Vocab load() throws Exception {
            JsonNode schemes;
            try (InputStream in = CaseListBenchmark.class.getResourceAsStream("/vocabulary/v1.json")) {
                schemes = new ObjectMapper().readTree(in).get("schemes");
            }
            Function<String, List<JsonNode>> terms = scheme -> {
                List<JsonNode> list = new ArrayList<>();
                schemes.get(scheme).get("terms").forEach(t -> {
                    if (!t.path("retired").asBoolean(false)) {
                        list.add(t);
                    }
                });
                return list;
            };
            List<String> subdivisions = new ArrayList<>(terms.apply("subdivision").stream()
                    .map(t -> t.get("code").asText())
                    .toList());
            // Fixed shuffles: which subdivisions and types are frequent is arbitrary but the same every run.
            java.util.Collections.shuffle(subdivisions, new Random(7));
            Map<String, String> groupOf = new LinkedHashMap<>();
            terms.apply("aggression-type")
                    .forEach(t ->
                            groupOf.put(t.get("code").asText(), t.get("group").asText()));
            // Killings are among the rarest records (about 200 of 35,000 in 2012-2023); threats and
            // intimidation the most common.
            List<String> types = new ArrayList<>(groupOf.keySet());
            java.util.Collections.shuffle(types, new Random(7));
            for (String frequent : List.of("threats", "intimidation", "harassment", "smear-campaign")) {
                types.remove(frequent);
                types.add(0, frequent);
            }
            types.remove("femicide");
            types.add("femicide");
            return new Vocab(
                    terms.apply("country").stream()
                            .map(t -> t.get("code").asText())
                            .toList(),
                    subdivisions,
                    types,
                    terms.apply("aggression-group").stream()
                            .map(t -> t.get("code").asText())
                            .toList(),
                    groupOf,
                    terms.apply("verification-status").stream()
                            .map(t -> t.get("code").asText())
                            .toList(),
                    terms.apply("target-kind").stream()
                            .map(t -> t.get("code").asText())
                            .toList(),
                    "femicide");
        }
    }
}
