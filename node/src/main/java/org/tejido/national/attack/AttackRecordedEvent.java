package org.tejido.national.attack;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AttackRecordedEvent(String attackId, AttackFacts facts, Classification classification)
        implements AttackEvent {}
