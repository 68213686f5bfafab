package org.tejido.national.attack;

import org.axonframework.serialization.Revision;
import org.tejido.national.protection.Sealed;

@Revision("1")
/** Facts and personal data as in {@link AttackRecordedEvent}. */
public record AttackCorrectedEvent(String attackId, AttackFacts facts, Sealed personal, String reason)
        implements AttackEvent {}
