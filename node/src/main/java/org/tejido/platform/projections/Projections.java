package org.tejido.platform.projections;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.platform.axon.DeadLetteringProcessor;
import org.tejido.platform.problem.Rejection;

/**
 * The node's projections (streaming event processors): their progress, replay from the start, and the
 * events the read models parked (ADR 0027). Operations that stop, reset or touch a processor's events
 * ({@link #replay}, retrying and dropping parked events) run one at a time per processor; another
 * request meanwhile is refused ({@code projection.busy}).
 */
@Component
public class Projections {
    private static final Logger log = LoggerFactory.getLogger(Projections.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final Map<String, DeadLetteringProcessor> deadLettering;
    private final Map<String, ReentrantLock> operations = new ConcurrentHashMap<>();

    Projections(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            JdbcTemplate jdbc,
            ObjectProvider<DeadLetteringProcessor> deadLettering) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.deadLettering = deadLettering
                .orderedStream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(DeadLetteringProcessor::name, p -> p));
    }

    public List<ProjectionStatusView> statuses() {
        long head = head();
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(p -> status(p, head))
                .sorted(Comparator.comparing(ProjectionStatusView::name))
                .toList();
    }

    public ProjectionStatusView status(String name) {
        return status(processor(name), head());
    }

    /**
     * Stops the processor, puts its token back to the start (its reset handler empties its tables, and
     * its dead-letter queues, in the same step) and starts it again; progress is then visible through
     * {@link #status(String)}.
     *
     * <p>One at a time per processor. Before, concurrent replays interleaved Axon's stop, reset and start:
     * a reset could fail half-way (an error 500) or be overwritten by a worker started by another request,
     * and a stop that arrived while the processor's launcher was claiming its segment left the processor
     * running with no worker at all, at position -1, with no error, until a restart (issue 20; also
     * {@code AxonConfig.trackingProjectionsInBatches}).
     */
    public ProjectionStatusView replay(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw Rejection.conflict("projection.not-resettable", name);
        }
        return exclusively(name, () -> {
            log.info("Replaying projection {} from the start of the event store", name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            return status(processor, head());
        });
    }

    /**
     * Runs an operation on a processor unless another one is running on it: stop-reset-start and the
     * dead-letter queue's retries must not interleave.
     */
    <T> T exclusively(String name, Supplier<T> operation) {
        ReentrantLock lock = operations.computeIfAbsent(name, n -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw Rejection.conflict("projection.busy", name);
        }
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    /** The processor's parking settings; refused for an unknown one or one that stops instead of parking. */
    DeadLetteringProcessor deadLettering(String name) {
        processor(name);
        DeadLetteringProcessor parking = deadLettering.get(name);
        if (parking == null) {
            throw Rejection.conflict("projection.no-dead-letters", name);
        }
        return parking;
    }

    /** Events parked by the processor's read models (0 for one that does not park). */
    public long parked(String name) {
        DeadLetteringProcessor parking = deadLettering.get(name);
        if (parking == null) {
            return 0;
        }
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM deadletterentry WHERE processinggroup = ANY (?)", Long.class, (Object)
                        parking.groups().toArray(String[]::new));
        return count == null ? 0 : count;
    }

    /** Whether the projection can be rebuilt from the event store (none of its handlers refuses a replay). */
    public boolean replayable(String name) {
        return processor(name).supportsReset();
    }

    /** Names of the processors that park the events they fail on. */
    public List<String> deadLetteringProcessors() {
        return deadLettering.keySet().stream().sorted().toList();
    }

    private StreamingEventProcessor processor(String name) {
        Optional<StreamingEventProcessor> processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        return processor.orElseThrow(() -> Rejection.notFound("projection.not-found", name));
    }

    private long head() {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? -1 : token.position().orElse(-1);
    }

    /**
     * Axon keeps a segment flagged as replaying until it handles an event beyond its reset position,
     * which may not come for a long time on a quiet node; for an admin, the replay is over once the
     * segment has reached the position it was reset from.
     */
    private static boolean stillReplaying(EventTrackerStatus segment) {
        if (!segment.isReplaying()) {
            return false;
        }
        OptionalLong current = segment.getCurrentPosition();
        OptionalLong resetAt = segment.getResetPosition();
        return current.isEmpty() || resetAt.isEmpty() || current.getAsLong() < resetAt.getAsLong();
    }

    private ProjectionStatusView status(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        boolean replaying = segments.values().stream().anyMatch(Projections::stillReplaying);
        boolean error = processor.isError() || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        long position = segments.isEmpty()
                ? -1
                : segments.values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(p -> p.isPresent() ? p.getAsLong() : -1)
                        .min()
                        .orElse(-1);
        long lag = Math.max(0, head - position);
        return new ProjectionStatusView(
                processor.getName(),
                processor.isRunning(),
                replaying,
                error,
                position,
                head,
                lag,
                parked(processor.getName()));
    }
}
