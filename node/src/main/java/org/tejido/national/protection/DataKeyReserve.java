package org.tejido.national.protection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data keys created ahead of use, in batches, each batch in a transaction of its own, so that recording
 * an attack does not add a row to its command's transaction (ADR 0015). Every key handed out is already
 * committed, and each is still used for one attack only: erasing one attack destroys its key alone.
 *
 * <p>One background thread refills the reserve when it runs low. A command never waits for it: if the
 * reserve is empty it creates its key in its own transaction, as before. A key taken by a command that
 * then rolls back sealed nothing durable and goes back to the reserve. Keys still unused when the node
 * stops are deleted; after a crash they stay as rows that seal nothing (at most one batch plus the
 * low-water mark).
 */
class DataKeyReserve implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DataKeyReserve.class);

    private final DataKeyStore store;
    private final TransactionTemplate ownTransaction;
    private final int batchSize;
    private final int lowWater;
    private final ConcurrentLinkedQueue<DataKeyStore.NewKey> ready = new ConcurrentLinkedQueue<>();
    // The queue's own size() walks it; every take() asks, so the count is kept beside it.
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean refilling = new AtomicBoolean();
    private final AtomicLong createdInCommands = new AtomicLong();
    private final ExecutorService refiller = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "data-key-reserve");
        thread.setDaemon(true);
        return thread;
    });

    DataKeyReserve(DataKeyStore store, PlatformTransactionManager transactions, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.store = store;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchSize = batchSize;
        this.lowWater = Math.max(1, batchSize / 2);
    }

    /** A committed key no other subject uses, or a key created in the caller's transaction if none is ready. */
    DataKeyStore.NewKey take() {
        DataKeyStore.NewKey key = ready.poll();
        if (key != null) {
            count.decrementAndGet();
        }
        if (count.get() < lowWater) {
            refillInBackground();
        }
        if (key == null) {
            createdInCommands.incrementAndGet();
            return store.createInCallersTransaction();
        }
        giveBackOnRollback(key);
        return key;
    }

    private void giveBackOnRollback(DataKeyStore.NewKey key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        ready.add(key);
                        count.incrementAndGet();
                    }
                }
            });
        }
    }

    private void refillInBackground() {
        if (refilling.compareAndSet(false, true)) {
            try {
                refiller.execute(this::refill);
            } catch (RuntimeException rejected) {
                // Closing: the executor no longer accepts work, and nothing needs keys any more.
                refilling.set(false);
            }
        }
    }

    private void refill() {
        try {
            List<DataKeyStore.NewKey> created = ownTransaction.execute(status -> store.createBatch(batchSize));
            ready.addAll(created);
            count.addAndGet(created.size());
        } catch (RuntimeException e) {
            // Commands still get keys, created in their own transactions; the next take() tries again.
            log.warn("Could not create data keys ahead of use: {}", e.toString());
        } finally {
            refilling.set(false);
        }
    }

    int ready() {
        return count.get();
    }

    /** Keys a command had to create itself because the reserve was empty (metric). */
    long createdInCommands() {
        return createdInCommands.get();
    }

    /** Deletes the keys nobody took: they sealed nothing. */
    @Override
    public void close() {
        refiller.shutdown();
        try {
            refiller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> unused = new ArrayList<>();
        for (DataKeyStore.NewKey key = ready.poll(); key != null; key = ready.poll()) {
            count.decrementAndGet();
            unused.add(key.keyId());
        }
        if (!unused.isEmpty()) {
            try {
                ownTransaction.executeWithoutResult(status -> store.destroy(unused));
            } catch (RuntimeException e) {
                log.warn("Could not delete {} unused data keys: {}", unused.size(), e.toString());
            }
        }
    }
}
