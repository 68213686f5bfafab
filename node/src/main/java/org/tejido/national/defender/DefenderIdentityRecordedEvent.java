package org.tejido.national.defender;

import org.axonframework.serialization.Revision;
import org.tejido.national.protection.Sealed;

/** The only event about her identity; the {@link IdentifyingData} is sealed under her data key. */
@Revision("1")
public record DefenderIdentityRecordedEvent(String code, Sealed identity) implements DefenderEvent {}
