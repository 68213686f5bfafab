package org.tejido.national.defender;

public sealed interface DefenderEvent
        permits DefenderRegisteredEvent,
                DefenderProfileCorrectedEvent,
                DefenderIdentityRecordedEvent,
                DefenderErasedEvent {
    String code();
}
