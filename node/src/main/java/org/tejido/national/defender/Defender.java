package org.tejido.national.defender;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.tejido.national.protection.Protector;
import org.tejido.national.protection.SubjectKeys;
import org.tejido.platform.problem.Rejection;

/**
 * A defender known to the network by a pseudonymous code, which is also the aggregate's identifier:
 * registering the same code twice fails in the event store itself.
 */
@Aggregate
@Revision("1")
public class Defender {
    @AggregateIdentifier
    private String code;

    private String country;
    private String subdivision;
    private DefenderProfile profile;
    private boolean erased;

    protected Defender() {
        // for Axon
    }

    @CommandHandler
    public Defender(RegisterDefenderCommand command, DefenderRules rules) {
        rules.checkCode(command.code(), command.country());
        rules.checkPlaceAndProfile(command.country(), command.subdivision(), command.profile());
        apply(new DefenderRegisteredEvent(command.code(), command.country(), command.subdivision(), command.profile()));
    }

    @CommandHandler
    public void handle(CorrectDefenderProfileCommand command, DefenderRules rules) {
        refuseIfErased();
        rules.checkReason(command.reason());
        rules.checkPlaceAndProfile(command.country(), command.subdivision(), command.profile());
        if (!code.startsWith(command.country() + "-")) {
            throw Rejection.invalid("defender.code-country-mismatch", code, command.country());
        }
        if (command.country().equals(country)
                && Objects.equals(command.subdivision(), subdivision)
                && command.profile().equals(profile)) {
            throw Rejection.invalid("defender.no-change", code);
        }
        apply(new DefenderProfileCorrectedEvent(
                code,
                command.country(),
                command.subdivision(),
                command.profile(),
                command.reason().strip()));
    }

    @CommandHandler
    public void handle(RecordDefenderIdentityCommand command, DefenderRules rules, Protector protector) {
        refuseIfErased();
        rules.checkIdentity(command.identity());
        apply(new DefenderIdentityRecordedEvent(code, protector.seal(SubjectKeys.defender(code), command.identity())));
    }

    @CommandHandler
    public void handle(
            EraseDefenderCommand command, DefenderRules rules, Protector protector, AttacksNamingDefender attacks) {
        refuseIfErased();
        rules.checkReason(command.reason());
        List<String> attackIds = attacks.attackIds(code);
        List<String> keys = new ArrayList<>();
        keys.add(SubjectKeys.defender(code));
        keys.addAll(attacks.dataKeys(attackIds));
        protector.destroy(keys);
        apply(new DefenderErasedEvent(code, attackIds, command.reason().strip()));
    }

    private void refuseIfErased() {
        if (erased) {
            throw Rejection.conflict("defender.erased", code);
        }
    }

    @EventSourcingHandler
    void on(DefenderErasedEvent event) {
        erased = true;
    }

    @EventSourcingHandler
    void on(DefenderRegisteredEvent event) {
        code = event.code();
        country = event.country();
        subdivision = event.subdivision();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(DefenderProfileCorrectedEvent event) {
        country = event.country();
        subdivision = event.subdivision();
        profile = event.profile();
    }
}
