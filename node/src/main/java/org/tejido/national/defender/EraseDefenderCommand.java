package org.tejido.national.defender;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** "Forget this defender": her data key and those of the attacks naming her are destroyed. */
public record EraseDefenderCommand(
        @TargetAggregateIdentifier String code, String reason) {}
