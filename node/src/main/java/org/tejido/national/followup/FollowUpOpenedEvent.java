package org.tejido.national.followup;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record FollowUpOpenedEvent(
        String followUpId, String attackId, String kind, String status, LocalDate startedOn, String note)
        implements FollowUpEvent {}
