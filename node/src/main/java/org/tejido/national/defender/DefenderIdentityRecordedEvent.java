package org.tejido.national.defender;

import org.axonframework.serialization.Revision;

/** The only event that carries identifying data; see {@link IdentifyingData}. */
@Revision("1")
public record DefenderIdentityRecordedEvent(String code, IdentifyingData identity) implements DefenderEvent {}
