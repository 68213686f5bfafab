package org.tejido.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

class ResetSupportKnownTest {
    record SomethingHappened(String what) {}

    static final class Projection {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(SomethingHappened event) {
            seen.add(event.what());
        }
    }

    @DisallowReplay
    static final class AppendOnlyLog {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(SomethingHappened event) {
            seen.add(event.what());
        }
    }

    @Test
    void
            givenAProjectionAndALogThatMustNotReplay_whenWrapped_thenEachAnswersAsAxonDoesAndReplaysReachOnlyTheProjection()
                    throws Exception {
        Projection projection = new Projection();
        AppendOnlyLog log = new AppendOnlyLog();
        MultiEventHandlerInvoker original = new MultiEventHandlerInvoker(simple(projection), simple(log));

        MultiEventHandlerInvoker wrapped = (MultiEventHandlerInvoker) ResetSupportKnown.around(original);

        assertThat(wrapped.delegates()).hasSize(2).allMatch(ResetSupportKnown.class::isInstance);
        assertThat(wrapped.delegates())
                .extracting(EventHandlerInvoker::supportsReset)
                .containsExactly(true, false);
        assertThat(wrapped.supportsReset()).isEqualTo(original.supportsReset());

        wrapped.handle(tracked("live", false), Segment.ROOT_SEGMENT);
        wrapped.handle(tracked("replayed", true), Segment.ROOT_SEGMENT);

        assertThat(projection.seen).containsExactly("live", "replayed");
        assertThat(log.seen).containsExactly("live");
    }

    @Test
    void givenManyEvents_whenHandled_thenTheDelegateIsAskedAboutResetsOnceOnly() throws Exception {
        Projection projection = new Projection();
        CountingResetQuestions counting = new CountingResetQuestions(simple(projection));
        EventHandlerInvoker wrapped = ResetSupportKnown.around(new MultiEventHandlerInvoker(counting));
        int askedWhileBuilding = counting.asked.get();

        for (int i = 0; i < 100; i++) {
            EventMessage<?> event = tracked("event " + i, false);
            assertThat(wrapped.canHandle(event, Segment.ROOT_SEGMENT)).isTrue();
            wrapped.handle(event, Segment.ROOT_SEGMENT);
        }

        assertThat(askedWhileBuilding).isEqualTo(1);
        assertThat(counting.asked.get()).isEqualTo(1);
        assertThat(projection.seen).hasSize(100);
    }

    @Test
    void givenASingleInvoker_whenWrapped_thenResetsStillReachItsHandlers() {
        AtomicInteger resets = new AtomicInteger();
        EventHandlerInvoker single = new CountingResetQuestions(simple(new Projection())) {
            @Override
            public void performReset() {
                resets.incrementAndGet();
            }
        };

        EventHandlerInvoker wrapped = ResetSupportKnown.around(single);
        wrapped.performReset();
        wrapped.performReset(null);

        assertThat(wrapped).isInstanceOf(ResetSupportKnown.class);
        assertThat(((ResetSupportKnown) wrapped).delegate()).isSameAs(single);
        assertThat(resets.get()).isEqualTo(2);
    }

    private static SimpleEventHandlerInvoker simple(Object handler) {
        return SimpleEventHandlerInvoker.builder().eventHandlers(handler).build();
    }

    private static TrackedEventMessage<?> tracked(String what, boolean replay) {
        GlobalSequenceTrackingToken position = new GlobalSequenceTrackingToken(1);
        return new GenericTrackedEventMessage<>(
                replay ? ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(5), position) : position,
                GenericEventMessage.asEventMessage(new SomethingHappened(what)));
    }

    /** Passes everything through and counts how often it is asked whether it supports a reset. */
    private static class CountingResetQuestions implements EventHandlerInvoker {
        final AtomicInteger asked = new AtomicInteger();
        private final EventHandlerInvoker delegate;

        CountingResetQuestions(EventHandlerInvoker delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean canHandle(@Nonnull EventMessage<?> eventMessage, @Nonnull Segment segment) {
            return delegate.canHandle(eventMessage, segment);
        }

        @Override
        public void handle(@Nonnull EventMessage<?> message, @Nonnull Segment segment) throws Exception {
            delegate.handle(message, segment);
        }

        @Override
        public boolean supportsReset() {
            asked.incrementAndGet();
            return delegate.supportsReset();
        }
    }
}
