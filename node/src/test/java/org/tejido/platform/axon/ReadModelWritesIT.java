package org.tejido.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/**
 * The two mechanisms projections write through, on a real node and PostgreSQL: a read model's
 * transaction does not wait for the disk flush (and only that transaction), and a batched insert writes
 * its rows when flushed or when the unit of work commits, in its transaction.
 */
class ReadModelWritesIT {

    @Test
    void readModelTransactionsAloneCommitWithoutWaitingForTheFlush() {
        try (ConfigurableApplicationContext node = TestNodes.start(TestDatabase.fresh())) {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            TransactionManager transactions = node.getBean(TransactionManager.class);
            ReadModelTransactions readModel = new ReadModelTransactions(transactions, jdbc);

            AtomicReference<String> inside = new AtomicReference<>();
            readModel.executeInTransaction(
                    () -> inside.set(jdbc.queryForObject("SHOW synchronous_commit", String.class)));
            AtomicReference<String> other = new AtomicReference<>();
            transactions.executeInTransaction(
                    () -> other.set(jdbc.queryForObject("SHOW synchronous_commit", String.class)));

            assertThat(inside.get()).isEqualTo("off");
            assertThat(other.get()).isEqualTo("on");
        }
    }

    @Test
    void batchedRowsAreWrittenWhenFlushedOrWhenTheUnitOfWorkCommits() {
        try (ConfigurableApplicationContext node = TestNodes.start(TestDatabase.fresh())) {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            TransactionManager transactions = node.getBean(TransactionManager.class);
            jdbc.execute("CREATE TABLE batched_probe (n INT PRIMARY KEY)");
            BatchedWrites<Integer> insert = new BatchedWrites<>(rows -> jdbc.batchUpdate(
                    "INSERT INTO batched_probe (n) VALUES (?)",
                    rows.stream().map(n -> new Object[] {n}).toList()));
            AtomicLong beforeFlush = new AtomicLong(-1);
            AtomicLong afterFlush = new AtomicLong(-1);

            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(() -> {
                insert.add(1);
                insert.add(2);
                beforeFlush.set(count(jdbc));
                insert.flush();
                afterFlush.set(count(jdbc));
                insert.add(3);
            });

            assertThat(beforeFlush.get()).as("pending until flushed").isZero();
            assertThat(afterFlush.get()).isEqualTo(2);
            assertThat(count(jdbc))
                    .as("the rest written when the unit of work commits")
                    .isEqualTo(3);

            insert.add(4);
            assertThat(count(jdbc)).as("outside a unit of work, at once").isEqualTo(4);

            UnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(null);
            failing.attachTransaction(transactions);
            assertThatThrownBy(() -> failing.execute(() -> {
                        insert.add(5);
                        insert.add(1); // duplicate key: the batch fails when the unit of work prepares to commit
                    }))
                    // Told by class and SQLSTATE, not by the database's message, which quotes the row.
                    .isInstanceOf(BatchedWrites.RowsNotWritten.class)
                    .hasMessageContaining("2 rows")
                    .hasMessageContaining("org.springframework.dao.DuplicateKeyException (SQLSTATE 23505")
                    .hasMessageNotContaining("Key (n)");
            assertThat(count(jdbc)).as("a failing batch writes nothing").isEqualTo(4);
        }
    }

    private static long count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM batched_probe", Long.class);
    }
}
