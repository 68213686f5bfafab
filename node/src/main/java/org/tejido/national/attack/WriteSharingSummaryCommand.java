package org.tejido.national.attack;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The summary of an attack written for sharing under the case and public scopes: no names, contacts
 * or exact places. The narrative itself never leaves the node.
 */
public record WriteSharingSummaryCommand(
        @TargetAggregateIdentifier String attackId, String summary) {}
