package org.tejido.national.followup;

public sealed interface FollowUpEvent permits FollowUpOpenedEvent, FollowUpStatusChangedEvent {
    String followUpId();

    String attackId();
}
