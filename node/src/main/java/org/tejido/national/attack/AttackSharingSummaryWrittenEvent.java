package org.tejido.national.attack;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AttackSharingSummaryWrittenEvent(String attackId, String summary) implements AttackEvent {}
