package org.tejido.platform.axon;

import javax.annotation.Nonnull;
import javax.annotation.Nullable;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;

/**
 * An event handler invoker whose answer to {@link #supportsReset()} is worked out once, when its
 * processor is built.
 *
 * <p>Why: Axon's {@link MultiEventHandlerInvoker} asks every delegate whether it supports a reset before
 * each {@code canHandle} and each {@code handle}, so at least twice per event and delegate, and the
 * annotated handlers answer by streaming over every handler method of their class. In a profile of a
 * busy node that was about a seventh of each projection thread's CPU (docs/benchmarks.md). The answer
 * depends only on the handlers' annotations ({@code @AllowReplay}, {@code @DisallowReplay}), which cannot
 * change once the processor exists. Everything else is passed through unchanged.
 */
final class ResetSupportKnown implements EventHandlerInvoker {
    private final EventHandlerInvoker delegate;
    private final boolean supportsReset;

    private ResetSupportKnown(EventHandlerInvoker delegate) {
        this.delegate = delegate;
        this.supportsReset = delegate.supportsReset();
    }

    /** The same handlers, each delegate of a {@link MultiEventHandlerInvoker} answering from memory. */
    static EventHandlerInvoker around(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return new MultiEventHandlerInvoker(multi.delegates().stream()
                    .<EventHandlerInvoker>map(ResetSupportKnown::new)
                    .toList());
        }
        return new ResetSupportKnown(invoker);
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }

    @Override
    public boolean canHandle(@Nonnull EventMessage<?> eventMessage, @Nonnull Segment segment) {
        return delegate.canHandle(eventMessage, segment);
    }

    @Override
    public boolean canHandleType(@Nonnull Class<?> payloadType) {
        return delegate.canHandleType(payloadType);
    }

    @Override
    public void handle(@Nonnull EventMessage<?> message, @Nonnull Segment segment) throws Exception {
        delegate.handle(message, segment);
    }

    @Override
    public void performReset() {
        delegate.performReset();
    }

    @Override
    public <R> void performReset(@Nullable R resetContext) {
        delegate.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        delegate.segmentReleased(segment);
    }

    /** The wrapped invoker, for tests. */
    EventHandlerInvoker delegate() {
        return delegate;
    }
}
