package org.tejido.regional.intake;

import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Handles batches in one unit of work: the origin's ledger decides and records its events, and in the
 * same database transaction the content beside new leaves is stored, retracted content deleted and
 * the origin's state (what GetLogState answers) updated. A failure anywhere rolls all of it back.
 */
@Component
class BatchIntake {
    private static final Logger log = LoggerFactory.getLogger(BatchIntake.class);

    private final Repository<OriginLedger> ledgers;
    private final IntakeStore store;
    private final Witness witness;
    private final Clock clock;

    BatchIntake(Repository<OriginLedger> ledgers, IntakeStore store, Witness witness, Clock clock) {
        this.ledgers = ledgers;
        this.store = store;
        this.witness = witness;
        this.clock = clock;
    }

    @CommandHandler
    public BatchOutcome handle(AcceptBatchCommand command) throws Exception {
        Aggregate<OriginLedger> ledger = ledgers.loadOrCreate(command.origin(), OriginLedger::new);
        OriginLedger.Decision decision = ledger.invoke(l -> l.accept(command, witness.cosigner(), clock.instant()));
        if (decision.outcome() instanceof BatchOutcome.Stored stored) {
            apply(command.origin(), decision, stored);
        } else if (decision.outcome() instanceof BatchOutcome.Refused refused) {
            log.warn(
                    "SECURITY federation batch refused: origin={} caller={} reason={} detail={}",
                    command.origin(),
                    command.callerFingerprint(),
                    refused.reason(),
                    refused.detail());
        }
        return decision.outcome();
    }

    @CommandHandler
    public void handle(RecordRefusedCallCommand command) throws Exception {
        ledgers.loadOrCreate(command.origin(), OriginLedger::new).execute(l -> l.recordRefusal(command));
        log.warn(
                "SECURITY federation call refused: caller origin={} caller={} reason={} detail={}",
                command.origin(),
                command.callerFingerprint(),
                command.reason(),
                command.detail());
    }

    private void apply(String origin, OriginLedger.Decision decision, BatchOutcome.Stored stored) {
        store.keepContent(origin, decision.newContent());
        store.deleteContent(origin, decision.deletedContent());
        store.updateState(origin, stored);
    }
}
