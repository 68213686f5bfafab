package org.tejido.national.defender;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DefenderRegisteredEvent(String code, String country, String subdivision, DefenderProfile profile)
        implements DefenderEvent {}
