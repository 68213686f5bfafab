package org.tejido.national.defender;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param code the pseudonymous code the network uses for her, e.g. {@code MX-D-0001} */
public record RegisterDefenderCommand(
        @TargetAggregateIdentifier String code, String country, String subdivision, DefenderProfile profile) {}
