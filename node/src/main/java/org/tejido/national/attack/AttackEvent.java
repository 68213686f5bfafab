package org.tejido.national.attack;

/** Everything that can happen to an attack's record; projections switch over it exhaustively. */
public sealed interface AttackEvent
        permits AttackRecordedEvent, AttackCorrectedEvent, AttackReclassifiedEvent, AttackSharingSummaryWrittenEvent {
    String attackId();
}
