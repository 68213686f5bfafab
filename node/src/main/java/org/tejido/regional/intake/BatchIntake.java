package org.tejido.regional.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Handles the batches of one command in one unit of work, in order: the origin's ledger decides and
 * records its events for each, and in the same database transaction the content beside new leaves is
 * stored, retracted content deleted and the origin's state (what GetLogState answers) updated. The first
 * refusal ends the command; the batches before it stay stored. A failure anywhere rolls all of it back.
 */
@Component
class BatchIntake {
    private static final Logger log = LoggerFactory.getLogger(BatchIntake.class);

    private final Repository<OriginLedger> ledgers;
    private final IntakeStore store;
    private final Witness witness;
    private final Clock clock;
    private final MeterRegistry registry;

    BatchIntake(
            Repository<OriginLedger> ledgers, IntakeStore store, Witness witness, Clock clock, MeterRegistry registry) {
        this.ledgers = ledgers;
        this.store = store;
        this.witness = witness;
        this.clock = clock;
        this.registry = registry;
    }

    /** @return the first refusal, or what the origin's log holds after the last batch */
    @CommandHandler
    public BatchOutcome handle(AcceptBatchesCommand command) throws Exception {
        Aggregate<OriginLedger> ledger = ledgers.loadOrCreate(command.origin(), OriginLedger::new);
        Instant now = clock.instant();
        // Content of consecutive batches goes in one JDBC batch; a retraction's deletion may concern
        // content kept earlier in this command, so what is pending is written before it.
        List<BatchOutcome.Content> pending = new ArrayList<>();
        BatchOutcome.Stored last = null;
        BatchOutcome outcome = null;
        for (AuthenticatedBatch batch : command.batches()) {
            OriginLedger.Decision decision = ledger.invoke(l -> l.accept(batch, witness.cosigner(), now));
            outcome = decision.outcome();
            if (outcome instanceof BatchOutcome.Stored stored) {
                if (!decision.deletedContent().isEmpty()) {
                    store.keepContent(command.origin(), pending);
                    pending.clear();
                    store.deleteContent(command.origin(), decision.deletedContent());
                }
                pending.addAll(decision.newContent());
                last = stored;
            } else if (outcome instanceof BatchOutcome.Refused refused) {
                log.warn(
                        "SECURITY federation batch refused: origin={} caller={} reason={} detail={}",
                        command.origin(),
                        batch.callerFingerprint(),
                        refused.reason(),
                        refused.detail());
                if (decision.equivocation()) {
                    flagEquivocation(command.origin(), batch.callerFingerprint(), now);
                }
                break;
            }
        }
        store.keepContent(command.origin(), pending);
        if (last != null) {
            store.updateState(command.origin(), last);
        }
        return outcome;
    }

    /**
     * The origin's state shows the fork from now on (what the regional team sees of the node), in the
     * transaction that keeps the evidence; the counter and the log line are for the operators' alerts.
     */
    private void flagEquivocation(String origin, String caller, Instant now) {
        store.flagEquivocation(origin, now);
        Counter.builder("tejido.federation.equivocations")
                .description("Forks detected: checkpoints of one origin, validly signed, that cannot belong to"
                        + " one append-only log")
                .tag("origin", origin)
                .register(registry)
                .increment();
        log.error(
                "SECURITY federation equivocation detected: origin={} caller={}: evidence kept as"
                        + " EquivocationDetectedEvent, origin flagged",
                origin,
                caller);
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
}
