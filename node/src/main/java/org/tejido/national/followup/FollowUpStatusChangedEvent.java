package org.tejido.national.followup;

import org.axonframework.serialization.Revision;

@Revision("1")
public record FollowUpStatusChangedEvent(
        String followUpId, String attackId, String previousStatus, String status, String note)
        implements FollowUpEvent {}
