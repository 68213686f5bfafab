package org.tejido.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
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
        assertThat(((TrackingEventProcessor) processing.eventProcessors().get("federation-log")).supportsReset())
                .isFalse();
    }
}
