package org.tejido.national.followup;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeFollowUpStatusCommand(
        @TargetAggregateIdentifier String followUpId, String status, String note) {}
