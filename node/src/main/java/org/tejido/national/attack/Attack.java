package org.tejido.national.attack;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.tejido.national.protection.Protector;
import org.tejido.national.protection.Sealed;
import org.tejido.platform.problem.Rejection;

/** One attack as recorded by a national network. Nothing is edited in place: corrections are events. */
@Aggregate
@Revision("1")
public class Attack {
    @AggregateIdentifier
    private String attackId;

    private AttackFacts facts;
    private Sealed personal;
    private Classification classification;
    private String sharingSummary;

    protected Attack() {
        // for Axon
    }

    @CommandHandler
    public Attack(RecordAttackCommand command, AttackRules rules, Protector protector) {
        rules.checkId(command.attackId());
        rules.check(command.facts());
        rules.check(command.classification());
        apply(new AttackRecordedEvent(
                command.attackId(),
                command.facts().withoutPersonalData(),
                command.classification(),
                protector.sealUnderNewKey(command.facts().personalData())));
    }

    @CommandHandler
    public void handle(CorrectAttackCommand command, AttackRules rules, Protector protector) {
        rules.checkReason(command.reason());
        rules.check(command.facts());
        AttackFacts corrected = command.facts().withoutPersonalData();
        AttackPersonalData correctedPersonal = command.facts().personalData();
        boolean samePersonal = protector
                .open(personal, AttackPersonalData.class)
                .map(correctedPersonal::equals)
                .orElse(false);
        if (corrected.equals(facts) && samePersonal) {
            throw Rejection.invalid("attack.no-change", attackId);
        }
        apply(new AttackCorrectedEvent(
                attackId,
                corrected,
                protector.seal(personal.keyId(), correctedPersonal),
                command.reason().strip()));
    }

    @CommandHandler
    public void handle(ReclassifyAttackCommand command, AttackRules rules) {
        rules.checkReason(command.reason());
        rules.check(command.classification());
        if (command.classification().equals(classification)) {
            throw Rejection.invalid("attack.no-change", attackId);
        }
        apply(new AttackReclassifiedEvent(
                attackId, command.classification(), command.reason().strip()));
    }

    @CommandHandler
    public void handle(WriteSharingSummaryCommand command, AttackRules rules) {
        rules.checkSharingSummary(command.summary());
        if (command.summary().strip().equals(sharingSummary)) {
            throw Rejection.invalid("attack.no-change", attackId);
        }
        apply(new AttackSharingSummaryWrittenEvent(attackId, command.summary().strip()));
    }

    @EventSourcingHandler
    void on(AttackRecordedEvent event) {
        attackId = event.attackId();
        facts = event.facts();
        personal = event.personal();
        classification = event.classification();
    }

    @EventSourcingHandler
    void on(AttackCorrectedEvent event) {
        facts = event.facts();
        personal = event.personal();
    }

    @EventSourcingHandler
    void on(AttackReclassifiedEvent event) {
        classification = event.classification();
    }

    @EventSourcingHandler
    void on(AttackSharingSummaryWrittenEvent event) {
        sharingSummary = event.summary();
    }
}
