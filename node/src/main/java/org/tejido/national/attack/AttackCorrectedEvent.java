package org.tejido.national.attack;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AttackCorrectedEvent(String attackId, AttackFacts facts, String reason) implements AttackEvent {}
