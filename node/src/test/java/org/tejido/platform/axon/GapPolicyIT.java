package org.tejido.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.platform.problem.TransactionTooLongException;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/**
 * The event store never gives up on a hole in its global index that a transaction will still fill, on
 * a real PostgreSQL (ADR 0030): the crash campaign's loss of 37 imported attacks from one node's
 * federation log, reproduced, and the transaction limit the gap timeout rests on.
 */
class GapPolicyIT {
    private static final Duration MAX_TRANSACTION = Duration.ofMinutes(5);

    /**
     * One node for both tests, with a transaction limit short enough for the second to exceed; the first
     * reads through connections of its own, outside the node's transactions, so the limit is not its
     * concern.
     */
    static ConfigurableApplicationContext node;

    @BeforeAll
    static void start() {
        node = TestNodes.start(TestDatabase.fresh(), "--tejido.transactions.max-duration=1s");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /**
     * The campaign's state at gt's restart: the federation-log processor's token at 325 with the
     * import's indices as gaps (more than the cleaning threshold), the import committed since, its rows
     * in the heap after rows that other transactions wrote meanwhile, everything older than the gap
     * timeout. Index and bitmap scans are switched off for the reader so that PostgreSQL returns an
     * unordered query's rows in heap order, the plan that lost them.
     */
    @Test
    void filledGapsAreReadWhateverOrderTheirRowsLieIn() throws SQLException {
        HikariDataSource pool = (HikariDataSource) node.getBean(DataSource.class);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.execute("CREATE SCHEMA gap_probe");
        jdbc.execute("CREATE TABLE gap_probe.domainevententry (LIKE public.domainevententry INCLUDING ALL)");
        List<Long> writtenMeanwhile = List.of(22L, 62L, 325L);
        List<Long> imported = LongStream.rangeClosed(19, 61)
                .filter(i -> !writtenMeanwhile.contains(i))
                .boxed()
                .toList();
        String old = Instant.now().minus(Duration.ofHours(1)).toString();
        for (long index : concat(writtenMeanwhile, imported)) { // heap order: the import's rows last
            jdbc.update(
                    "INSERT INTO gap_probe.domainevententry (globalindex, aggregateidentifier, sequencenumber,"
                            + " type, eventidentifier, payload, payloadtype, timestamp)"
                            + " VALUES (?, ?, 0, 'Probe', ?, '\\x7b7d'::bytea, 'probe', ?)",
                    index,
                    "a" + index,
                    "e" + index,
                    old);
        }
        TreeSet<Long> gaps = LongStream.range(19, 325)
                .filter(i -> !writtenMeanwhile.contains(i))
                .boxed()
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(325, gaps);
        assertThat(gaps).hasSizeGreaterThan(GapPolicy.CLEANING_THRESHOLD);

        JdbcEventStorageEngine.Builder axonDefaults = probeEngine(pool);
        assertThat(Probe.of(axonDefaults).fetch(token))
                .as("precondition: Axon's own gap cleaning, rows in heap order, drops the filled gaps")
                .isEmpty();

        List<String> read = Probe.of(new GapPolicy(MAX_TRANSACTION).applyTo(probeEngine(pool)))
                .fetch(token);
        assertThat(read)
                .containsExactlyElementsOf(imported.stream().map(i -> "e" + i).toList());
    }

    @Test
    void aTransactionOlderThanTheLimitIsUndoneAtItsCommit() {
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        EventStore events = node.getBean(EventStore.class);
        TransactionTemplate transaction = new TransactionTemplate(node.getBean(PlatformTransactionManager.class));
        jdbc.execute("CREATE TABLE transaction_probe (n INT PRIMARY KEY)");
        long eventsBefore = count(jdbc, "domainevententry");

        transaction.executeWithoutResult(status -> jdbc.update("INSERT INTO transaction_probe VALUES (1)"));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    jdbc.update("INSERT INTO transaction_probe VALUES (2)");
                    events.publish(GenericEventMessage.asEventMessage("probe"));
                    sleep(Duration.ofMillis(1_300));
                }))
                .isInstanceOf(TransactionTooLongException.class);

        assertThat(jdbc.queryForList("SELECT n FROM transaction_probe", Integer.class))
                .containsExactly(1);
        assertThat(count(jdbc, "domainevententry")).isEqualTo(eventsBefore);
    }

    private static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> concat(List<Long> first, List<Long> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    /** The node's engine settings on the probe table, with connections that read in heap order. */
    private static JdbcEventStorageEngine.Builder probeEngine(HikariDataSource pool) {
        Properties login = new Properties();
        if (pool.getUsername() != null) {
            login.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            login.setProperty("password", pool.getPassword());
        }
        return JdbcEventStorageEngine.builder()
                .connectionProvider(() -> heapOrder(DriverManager.getConnection(pool.getJdbcUrl(), login)))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .dataType(byte[].class)
                .schema(EventSchema.builder()
                        .eventTable("gap_probe.domainevententry")
                        .build())
                .batchSize(AxonConfig.BATCH_SIZE);
    }

    private static Connection heapOrder(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET enable_indexscan = off");
            s.execute("SET enable_indexonlyscan = off");
            s.execute("SET enable_bitmapscan = off");
        }
        return connection;
    }

    /** Axon's JDBC engine with its one fetch opened to the test. */
    private static final class Probe extends JdbcEventStorageEngine {
        private Probe(Builder builder) {
            super(builder);
        }

        static Probe of(Builder builder) {
            return new Probe(builder);
        }

        List<String> fetch(GapAwareTrackingToken token) {
            return fetchTrackedEvents(token, AxonConfig.BATCH_SIZE).stream()
                    .map(TrackedEventData::getEventIdentifier)
                    .toList();
        }
    }
}
