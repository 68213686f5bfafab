package org.tejido.national.push;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tejido.federation.v1.FederationServiceGrpc;
import org.tejido.federation.v1.GetLogStateRequest;
import org.tejido.federation.v1.GetLogStateResponse;
import org.tejido.federation.v1.LogBatch;
import org.tejido.federation.v1.LogEntry;
import org.tejido.federation.v1.PushLogRequest;
import org.tejido.federation.v1.PushLogResponse;
import org.tejido.ledger.note.Checkpoint;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.SignedNote;
import org.tejido.ledger.note.WitnessKey;
import org.tejido.national.sharing.LogIdentity;

/**
 * Pushes the node's federation log to the regional aggregator (docs/federation-protocol.md, "Node
 * side: pushing"), on its own thread, for as long as the node runs. Each round asks the aggregator
 * what it durably stored and sends what follows, so the aggregator's stored size is the only position
 * there is: nothing is skipped or sent twice as new, whatever fails in between. The node keeps
 * recording while the aggregator is unreachable; the log simply grows ahead of it.
 *
 * <p>Nothing read from the log (payloads, salts, leaves) is ever logged: only sizes, reason codes and
 * status codes.
 */
public final class LogPusher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LogPusher.class);
    private static final long ANSWER_MARGIN_MILLIS = 5_000;

    /** What one round ended with, which decides the pause before the next. */
    enum Outcome {
        /** Batches were stored; more may follow at once. */
        PUSHED,
        /** The aggregator holds the whole log: wait {@code interval}. */
        UP_TO_DATE,
        /** Refused as CHAIN_BROKEN for the first time: ask the stored size again at once. */
        RESUME,
        /** The aggregator or the network failed, or the node could not read its log: back off. */
        RETRY,
        /** Refused for a reason the node cannot fix by itself: wait {@code maxBackoff}, then look again. */
        HALTED,
        /** The aggregator's copy is not a prefix of this log: send nothing, wait {@code maxBackoff}. */
        DIVERGED
    }

    private final Channel channel;
    private final String origin;
    private final LogSource source;
    private final PushStateStore state;
    private final PushSettings settings;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final AtomicLong lag = new AtomicLong();
    private final Counter divergences;

    private volatile boolean running;
    private volatile PushCall current;
    private ExecutorService thread;
    private boolean chainBrokenBefore;
    private boolean failing;
    private long knownStored;
    private long recordedSize = -1;
    private String recordedNote;
    private ByteString verifiedNote = ByteString.EMPTY;
    private volatile Problem problem;

    /**
     * Why the last round failed, for the federation status page: the refusal reason or the transport's
     * status code (and the refusal's detailed code), or {@code DIVERGED}; since when it has failed.
     * Codes only, as in the log lines.
     */
    public record Problem(String label, String code, java.time.Instant since) {}

    public LogPusher(
            Channel channel,
            String origin,
            LogSource source,
            PushStateStore state,
            PushSettings settings,
            MeterRegistry registry) {
        this(channel, origin, source, state, settings, registry, RandomGenerator.getDefault());
    }

    /**
     * The pusher of this node's log as kept in its database ({@code federation_entry},
     * {@code federation_checkpoint}, {@code federation_push_state}), over the given channel.
     */
    /**
     * The pusher of this node's log as kept in its database ({@code federation_entry},
     * {@code federation_checkpoint}, {@code federation_push_state}), over the given channel; with a
     * witness key, a confirmation's note is kept only if that witness cosigned it.
     */
    public static LogPusher onDatabase(
            Channel channel,
            LogIdentity identity,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            PushSettings settings,
            Optional<WitnessKey> witness,
            MeterRegistry registry) {
        PushStateStore state = new JdbcPushStateStore(jdbc, clock);
        return new LogPusher(
                channel,
                identity.origin(),
                new JdbcLogSource(jdbc, transactions, identity, clock),
                witness.<PushStateStore>map(w -> new WitnessCheckedStateStore(state, w, registry))
                        .orElse(state),
                settings,
                registry);
    }

    LogPusher(
            Channel channel,
            String origin,
            LogSource source,
            PushStateStore state,
            PushSettings settings,
            MeterRegistry registry,
            RandomGenerator random) {
        this.channel = channel;
        this.origin = origin;
        this.source = source;
        this.state = state;
        this.settings = settings;
        this.registry = registry;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), random);
        registry.gauge("tejido.federation.push.lag", lag);
        this.divergences = registry.counter("tejido.federation.push.divergences");
    }

    // ---- lifecycle: one thread of its own, never a web or Axon thread ----

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "tejido-log-pusher");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::loop);
        log.info("Pushing federation log {} to the aggregator", origin);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        PushCall call = current;
        if (call != null) {
            call.cancel("node stopping", null);
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The log pusher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            Duration pause = switch (pushOnce()) {
                case PUSHED, RESUME -> Duration.ZERO;
                case UP_TO_DATE -> settings.interval();
                case RETRY -> backoff.next();
                case HALTED, DIVERGED -> settings.maxBackoff();
            };
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---- one round ----

    /** One round: learn the stored size, send what follows it (one stream at most), record the answer. */
    Outcome pushOnce() {
        try {
            return attempt();
        } catch (StatusRuntimeException e) {
            return onFailure(PushFailure.of(e));
        } catch (ExecutionException e) {
            return onFailure(PushFailure.of(e.getCause()));
        } catch (TimeoutException e) {
            return onFailure(PushFailure.of(io.grpc.Status.DEADLINE_EXCEEDED.asRuntimeException()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        } catch (RuntimeException e) {
            if (!running) {
                // stop() interrupts this thread, and an interrupted read of the database ends this way.
                return Outcome.RETRY;
            }
            failed("LOG_UNREADABLE", null);
            // The node's own database (or a bug): the class only, a message could quote stored data.
            log.warn(
                    "Cannot read the federation log to push it: {}",
                    e.getClass().getName());
            return Outcome.RETRY;
        } finally {
            current = null;
        }
    }

    private Outcome attempt() throws InterruptedException, ExecutionException, TimeoutException {
        GetLogStateResponse answer = FederationServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(settings.stateDeadline().toMillis(), TimeUnit.MILLISECONDS)
                .getLogState(GetLogStateRequest.newBuilder().setOrigin(origin).build());
        long stored = answer.getStoredSize();
        long size = source.size();
        knownStored = stored;
        lag.set(Math.max(0, size - stored));
        if (stored < 0 || stored > size) {
            return diverged("the aggregator holds more entries than this log");
        }
        if (stored > 0 && !isPrefixOfThisLog(answer.getCheckpointNote(), stored)) {
            return diverged("the aggregator's checkpoint is not this log's tree at that size");
        }
        if (stored == size) {
            record(stored, cosigned(answer.getCheckpointNote().toByteArray(), answer.getCosignatureNote()));
            succeeded();
            return Outcome.UP_TO_DATE;
        }
        return push(stored, size);
    }

    private Outcome push(long stored, long size) throws InterruptedException, ExecutionException, TimeoutException {
        PushCall call = new PushCall();
        current = call;
        FederationServiceGrpc.newStub(channel)
                .withDeadlineAfter(settings.pushDeadline().toMillis(), TimeUnit.MILLISECONDS)
                .pushLog(call);
        Map<Long, byte[]> notes = new HashMap<>();
        try {
            long from = stored;
            for (int b = 0; b < settings.batchesPerStream() && from < size; b++) {
                int n = (int) Math.min(settings.batchSize(), size - from);
                byte[] note = source.checkpointNote(from + n);
                notes.put(from + n, note);
                if (!call.send(PushLogRequest.newBuilder()
                        .setBatch(batch(from, n, note))
                        .build())) {
                    break; // the aggregator ended the call: finish() tells why
                }
                from += n;
            }
        } catch (RuntimeException | InterruptedException e) {
            call.cancel("the node could not read its log", null);
            throw e;
        }
        PushLogResponse answer = call.finish(settings.pushDeadline().toMillis() + ANSWER_MARGIN_MILLIS);
        long now = answer.getStoredSize();
        knownStored = now;
        lag.set(Math.max(0, size - now));
        byte[] note = notes.get(now);
        record(now, note == null ? null : cosigned(note, answer.getCosignatureNote()));
        succeeded();
        log.debug("Aggregator now stores {} entries of {}", now, origin);
        return Outcome.PUSHED;
    }

    /** Batch [from, from + n): the entries as stored and the checkpoint of size from + n. */
    private LogBatch batch(long from, int n, byte[] note) {
        List<PushEntry> entries = source.entries(from, n);
        if (entries.size() != n) {
            throw new IllegalStateException("log shorter than its size");
        }
        LogBatch.Builder batch = LogBatch.newBuilder().setOrigin(origin).setCheckpointNote(ByteString.copyFrom(note));
        for (PushEntry entry : entries) {
            batch.addEntries(LogEntry.newBuilder()
                    .setLeaf(ByteString.copyFrom(entry.leaf()))
                    .setPayload(ByteString.copyFrom(entry.payload()))
                    .setSalt(ByteString.copyFrom(entry.salt())));
        }
        // No consistency proof: the aggregator holds every earlier leaf and recomputes the tree itself
        // (the protocol makes the proof optional), while computing one here costs O(log size) per batch
        // in leaf hashes read and O(size) in hashing.
        return batch.build();
    }

    /** The aggregator's last checkpoint names this origin, that size and this log's root at that size. */
    private boolean isPrefixOfThisLog(ByteString note, long stored) {
        if (note.equals(verifiedNote)) {
            return true; // checked in an earlier round; roots over millions of leaves are not free
        }
        try {
            Checkpoint checkpoint =
                    Checkpoint.parse(SignedNote.parse(note.toByteArray()).text());
            boolean same = checkpoint.origin().equals(origin)
                    && checkpoint.size() == stored
                    && Arrays.equals(checkpoint.rootHash(), source.root(stored));
            if (same) {
                verifiedNote = note;
            }
            return same;
        } catch (NoteException e) {
            return false;
        }
    }

    private Outcome diverged(String why) {
        divergences.increment();
        failed("DIVERGED", null);
        log.error(
                "Not pushing log {}: {} (stored size {}). The node's log and the aggregator's copy disagree"
                        + " (a restore from an old backup?); an operator must look / no se envía nada: el"
                        + " registro del nodo y la copia del agregador no coinciden",
                origin,
                why,
                knownStored);
        return Outcome.DIVERGED;
    }

    private Outcome onFailure(PushFailure failure) {
        String label = failure.label();
        if (failure.isRefusal()) {
            Counter.builder("tejido.federation.push.refusals")
                    .tag("reason", label)
                    .register(registry)
                    .increment();
        } else {
            Counter.builder("tejido.federation.push.failures")
                    .tag("status", label)
                    .register(registry)
                    .increment();
        }
        failure.storedSize().ifPresent(size -> knownStored = size);
        failed(label, failure.code());
        if (failure.resumesAtOnce()) {
            if (!chainBrokenBefore) {
                chainBrokenBefore = true;
                log.info("Aggregator refused a batch as {}: resuming from its stored size", label);
                return Outcome.RESUME;
            }
            log.warn("Aggregator refused again as {}{}: waiting {}", label, codeOf(failure), settings.maxBackoff());
            chainBrokenBefore = false;
            return Outcome.HALTED;
        }
        if (failure.isTransient()) {
            if (!failing) {
                log.warn("Aggregator unreachable or not storing ({}): retrying with back-off", label);
            } else {
                log.debug("Aggregator still failing ({})", label);
            }
            failing = true;
            refreshLag();
            return Outcome.RETRY;
        }
        log.warn("Aggregator refused the push as {}{}: waiting {}", label, codeOf(failure), settings.maxBackoff());
        return Outcome.HALTED;
    }

    private static String codeOf(PushFailure failure) {
        return failure.code() == null ? "" : " (" + failure.code() + ")";
    }

    /** While the aggregator is out of reach the log keeps growing: the lag should show it. */
    private void refreshLag() {
        try {
            lag.set(Math.max(0, source.size() - knownStored));
        } catch (RuntimeException e) {
            // The gauge keeps its last value; the next round reports the database problem.
        }
    }

    private void succeeded() {
        problem = null;
        backoff.reset();
        chainBrokenBefore = false;
        if (failing) {
            log.info("Aggregator reachable again");
        }
        failing = false;
    }

    /** Records the aggregator's confirmation when it says something new (not every idle second). */
    private void record(long storedSize, String cosignedNote) {
        boolean news = storedSize != recordedSize || (cosignedNote != null && !cosignedNote.equals(recordedNote));
        if (news) {
            state.record(origin, storedSize, cosignedNote);
            recordedSize = storedSize;
            recordedNote = cosignedNote;
        }
    }

    /** The node's note with the witness's cosignature lines appended: one note both keys verify. */
    private static String cosigned(byte[] note, ByteString cosignature) {
        if (note.length == 0) {
            return null;
        }
        return new String(note, StandardCharsets.UTF_8) + cosignature.toStringUtf8();
    }

    /** Keeps the first time of a run of failures: "failing since" is what a person needs to know. */
    private void failed(String label, String code) {
        Problem before = problem;
        problem = new Problem(label, code, before == null ? java.time.Instant.now() : before.since());
    }

    /** The last round's failure, or empty when the last round reached the aggregator (or none ran yet). */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The lag gauge's value: entries in this log that the aggregator does not hold yet. */
    long lag() {
        return lag.get();
    }
}
