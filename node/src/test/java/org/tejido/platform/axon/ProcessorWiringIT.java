package org.tejido.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.support.NodeIntegrationTest;

/** The node's processors are built by {@link ProcessorsWithResetSupportKnown}, not by Axon's default module. */
@NodeIntegrationTest
class ProcessorWiringIT {
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyProcessorOfTheNodeTracksAndAnswersResetQuestionsFromMemory() {
        assertThat(processing.eventProcessors()).containsKeys("cases", "federation-log");
        processing.eventProcessors().forEach((name, processor) -> {
            assertThat(processor).as(name).isInstanceOf(TrackingEventProcessor.class);
            MultiEventHandlerInvoker invoker =
                    (MultiEventHandlerInvoker) ((TrackingEventProcessor) processor).eventHandlerInvoker();
            assertThat(invoker.delegates()).as(name).isNotEmpty().allMatch(ResetSupportKnown.class::isInstance);
        });
        assertThat(((TrackingEventProcessor) processing.eventProcessors().get("cases")).supportsReset())
                .isTrue();
        // A launcher thread beside the segment's worker: Axon's launcher never works the segment itself,
        // the path in which a stop leaked the processor's only thread (issue 20, AxonConfig).
        processing
                .eventProcessors()
                .forEach((name, processor) -> assertThat(((TrackingEventProcessor) processor).maxCapacity())
                        .as(name)
                        .isEqualTo(AxonConfig.PROCESSOR_THREADS));
        // The read models park the events they fail on; the federation log and the revocations stop instead.
        assertThat(delegates("cases")).hasSize(4).allMatch(DeadLetteringEventHandlerInvoker.class::isInstance);
        assertThat(delegates("federation-log")).noneMatch(DeadLetteringEventHandlerInvoker.class::isInstance);
        assertThat(delegates("erasure-revocations")).noneMatch(DeadLetteringEventHandlerInvoker.class::isInstance);
        assertThat(((TrackingEventProcessor) processing.eventProcessors().get("federation-log")).supportsReset())
                .isFalse();
    }

    private List<EventHandlerInvoker> delegates(String processor) {
        MultiEventHandlerInvoker invoker = (MultiEventHandlerInvoker)
                ((TrackingEventProcessor) processing.eventProcessors().get(processor)).eventHandlerInvoker();
        return invoker.delegates().stream()
                .map(d -> ((ResetSupportKnown) d).delegate())
                .toList();
    }
}
