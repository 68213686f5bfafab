package org.tejido.national.defender;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DefenderProfileCorrectedEvent(
        String code, String country, String subdivision, DefenderProfile profile, String reason)
        implements DefenderEvent {}
