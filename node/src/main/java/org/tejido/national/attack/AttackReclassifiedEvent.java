package org.tejido.national.attack;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AttackReclassifiedEvent(String attackId, Classification classification, String reason)
        implements AttackEvent {}
