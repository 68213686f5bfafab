package org.tejido.platform.axon;

import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Axon's event processing module, unchanged except that every tracking processor it builds gets its
 * handlers through {@link ResetSupportKnown}. Overriding the one method that builds tracking processors
 * keeps all of Axon's other wiring (token store, transactions, error handling, monitors) as it is.
 */
class ProcessorsWithResetSupportKnown extends EventProcessingModule {
    @Override
    protected EventProcessor trackingEventProcessor(
            String name,
            EventHandlerInvoker eventHandlerInvoker,
            TrackingEventProcessorConfiguration config,
            StreamableMessageSource<TrackedEventMessage<?>> source) {
        return super.trackingEventProcessor(name, ResetSupportKnown.around(eventHandlerInvoker), config, source);
    }
}
