package org.tejido.bench;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates one {@link BareAggregate}; no validation, one event. */
public record CreateBareCommand(@TargetAggregateIdentifier String id, String payload) {}
