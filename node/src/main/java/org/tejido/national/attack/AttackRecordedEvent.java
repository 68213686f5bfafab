package org.tejido.national.attack;

import org.axonframework.serialization.Revision;
import org.tejido.national.protection.Sealed;

@Revision("1")
/**
 * @param facts without personal data ({@link AttackFacts#withoutPersonalData()})
 * @param personal the {@link AttackPersonalData}, sealed under the attack's data key
 */
public record AttackRecordedEvent(String attackId, AttackFacts facts, Classification classification, Sealed personal)
        implements AttackEvent {}
