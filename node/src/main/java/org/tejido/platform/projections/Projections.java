package org.tejido.platform.projections;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tejido.platform.problem.Rejection;

/** The node's projections (streaming event processors): their progress, and replay from the start. */
@Component
public class Projections {
    private static final Logger log = LoggerFactory.getLogger(Projections.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    Projections(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
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
     * Stops the processor, puts its token back to the start (its reset handler empties its tables in
     * the same step) and starts it again; progress is then visible through {@link #status(String)}.
     */
    public ProjectionStatusView replay(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw Rejection.conflict("projection.not-resettable", name);
        }
        log.info("Replaying projection {} from the start of the event store", name);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return status(processor, head());
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

    private static ProjectionStatusView status(StreamingEventProcessor processor, long head) {
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
                processor.getName(), processor.isRunning(), replaying, error, position, head, lag);
    }
}
