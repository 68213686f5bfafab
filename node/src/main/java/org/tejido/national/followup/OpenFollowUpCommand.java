package org.tejido.national.followup;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a protective response to an attack: an alert, accompaniment, support, relocation... */
public record OpenFollowUpCommand(
        @TargetAggregateIdentifier String followUpId,
        String attackId,
        String kind,
        String status,
        LocalDate startedOn,
        String note) {}
