package org.tejido.national.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tejido.support.Rejections.rejection;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tejido.support.FakeProtector;
import org.tejido.vocabulary.UnknownCodeException;
import org.tejido.vocabulary.Vocabulary;

class AttackTest {
    static final String ID = "6f1c2b7e-0000-4000-8000-000000000001";
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final Set<String> REGISTERED = Set.of("MX-D-0001", "MX-D-0002");

    private AggregateTestFixture<Attack> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Attack.class);
        fixture.registerInjectableResource(new AttackRules(Vocabulary.load(), REGISTERED::contains, TODAY));
        fixture.registerInjectableResource(PROTECTOR);
    }

    static final FakeProtector PROTECTOR = new FakeProtector();

    static AttackRecordedEvent recorded(AttackFacts facts, Classification classification) {
        return new AttackRecordedEvent(
                ID, facts.withoutPersonalData(), classification, PROTECTOR.sealUnderNewKey(facts.personalData()));
    }

    /** The key the attack of {@link #facts()} was recorded under: corrections seal under it too. */
    static String recordedKey() {
        return PROTECTOR.sealUnderNewKey(facts().personalData()).keyId();
    }

    static AttackCorrectedEvent corrected(AttackFacts facts, String reason) {
        return new AttackCorrectedEvent(
                ID, facts.withoutPersonalData(), PROTECTOR.seal(recordedKey(), facts.personalData()), reason);
    }

    static AttackFacts facts() {
        return new AttackFacts(
                new Target("defender", null, List.of("MX-D-0001")),
                PartialDate.parse("2024-03"),
                new Location("MX", "MX-OAX", "Municipio Ficticio"),
                List.of(new Source("direct-testimony", "confirmed")),
                "unverified",
                "Synthetic narrative.");
    }

    static Classification classification() {
        return new Classification(
                List.of("death-threat", "smear-campaign"),
                List.of(new PerpetratorInvolvement("police", "direct")),
                List.of("land-and-territory"),
                List.of("sexist-smear"));
    }

    @Test
    void givenNothing_whenRecorded_thenAttackRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, facts(), classification()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(facts(), classification()));
    }

    @Test
    void eventsHoldTheNarrativeAndMunicipalityOnlySealedUnderTheAttacksKey() {
        AttackRecordedEvent event = recorded(facts(), classification());
        assertThat(event.facts().narrative()).isNull();
        assertThat(event.facts().location().municipality()).isNull();
        assertThat(event.personal().keyId()).startsWith("key:");
        assertThat(PROTECTOR.open(event.personal(), AttackPersonalData.class))
                .contains(new AttackPersonalData("Municipio Ficticio", "Synthetic narrative."));
    }

    @Test
    void givenRecorded_whenOnlyTheNarrativeIsCorrected_thenCorrected() {
        AttackFacts newNarrative = withNarrative("Another narrative.");
        fixture.given(recorded(facts(), classification()))
                .when(new CorrectAttackCommand(ID, newNarrative, "the defender reworded it"))
                .expectEvents(corrected(newNarrative, "the defender reworded it"));
    }

    @Test
    void classificationListsAreSortedAndDistinct() {
        Classification messy =
                new Classification(List.of("smear-campaign", "death-threat", "smear-campaign"), null, null, List.of());
        assertThat(messy.aggressionTypes()).containsExactly("death-threat", "smear-campaign");
        assertThat(messy.perpetrators()).isEmpty();
    }

    @Test
    void whenRecordedWithUnknownAggressionType_thenRefusedByName() {
        Classification bad = new Classification(List.of("death-threat", "not-a-code"), null, null, null);
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, facts(), bad))
                .expectException(UnknownCodeException.class)
                .expectExceptionMessage("unknown code in aggression-type")
                .expectNoEvents();
    }

    @Test
    void whenRecordedWithRetiredCode_thenRefused() {
        Classification retired = new Classification(List.of("defamation"), null, null, null);
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, facts(), retired))
                .expectException(UnknownCodeException.class)
                .expectExceptionMessage("retired code in aggression-type")
                .expectNoEvents();
    }

    @Test
    void whenRecordedWithoutAggressionType_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, facts(), new Classification(List.of(), null, null, null)))
                .expectException(rejection("attack.aggression-type-required"))
                .expectNoEvents();
    }

    @Test
    void whenRecordedInTheFuture_thenRefused() {
        AttackFacts future = withDate(PartialDate.parse("2026-12"));
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, future, classification()))
                .expectException(rejection("date.future"))
                .expectNoEvents();
    }

    @Test
    void whenRecordedThisMonth_thenAccepted() {
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, withDate(PartialDate.parse("2026-11")), classification()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void whenSubdivisionIsInAnotherCountry_thenRefused() {
        AttackFacts elsewhere = withLocation(new Location("MX", "GT-01", null));
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, elsewhere, classification()))
                .expectException(rejection("location.subdivision-outside-country"))
                .expectNoEvents();
    }

    @Test
    void whenDefenderIsNotRegistered_thenRefused() {
        AttackFacts unknown = withTarget(new Target("defender", null, List.of("MX-D-9999")));
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, unknown, classification()))
                .expectException(rejection("attack.unknown-defender"))
                .expectNoEvents();
    }

    @Test
    void whenTheSameDefenderIsListedTwice_thenRefusedWithoutNamingHer() {
        AttackFacts twice = withTarget(new Target("defender", null, List.of("MX-D-0001", "MX-D-0002", "MX-D-0001")));
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, twice, classification()))
                // Positions only (3rd repeats the 1st), and the message is the code alone: the code typed
                // never reaches a log.
                .expectException(rejection("attack.duplicate-defender", "3", "1"))
                .expectExceptionMessage("attack.duplicate-defender")
                .expectNoEvents();
    }

    @Test
    void givenRecorded_whenCorrectedToListADefenderTwice_thenRefused() {
        AttackFacts twice = withTarget(new Target("defender", null, List.of("MX-D-0002", "MX-D-0002")));
        fixture.given(recorded(facts(), classification()))
                .when(new CorrectAttackCommand(ID, twice, "second defender added"))
                .expectException(rejection("attack.duplicate-defender"))
                .expectNoEvents();
    }

    @Test
    void closePersonNeedsARelationship_andOnlyThen() {
        AttackFacts noRelationship = withTarget(new Target("close-person", null, List.of("MX-D-0001")));
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, noRelationship, classification()))
                .expectException(UnknownCodeException.class)
                .expectNoEvents();
        AttackFacts strayRelationship = withTarget(new Target("organization", "child", List.of()));
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, strayRelationship, classification()))
                .expectException(rejection("attack.relationship-only-for-close-person"))
                .expectNoEvents();
    }

    @Test
    void whenNarrativeIsOversized_thenRefused() {
        AttackFacts huge = withNarrative("x".repeat(AttackRules.MAX_NARRATIVE + 1));
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand(ID, huge, classification()))
                .expectException(rejection("field.too-long"))
                .expectNoEvents();
    }

    @Test
    void whenIdIsNotAUuid_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordAttackCommand("not-a-uuid", facts(), classification()))
                .expectException(rejection("attack.id-malformed"))
                .expectNoEvents();
    }

    @Test
    void givenRecorded_whenCorrected_thenCorrectedEvent() {
        AttackFacts corrected = withDate(PartialDate.parse("2024-03-02"));
        fixture.given(recorded(facts(), classification()))
                .when(new CorrectAttackCommand(ID, corrected, "  date confirmed by the defender "))
                .expectEvents(corrected(corrected, "date confirmed by the defender"));
    }

    @Test
    void givenRecorded_whenCorrectedWithSameFacts_thenRefused() {
        fixture.given(recorded(facts(), classification()))
                .when(new CorrectAttackCommand(ID, facts(), "no real change"))
                .expectException(rejection("attack.no-change"))
                .expectNoEvents();
    }

    @Test
    void givenRecorded_whenCorrectedWithoutReason_thenRefused() {
        fixture.given(recorded(facts(), classification()))
                .when(new CorrectAttackCommand(ID, withDate(PartialDate.parse("2024")), " "))
                .expectException(rejection("field.required"))
                .expectNoEvents();
    }

    @Test
    void givenCorrected_whenCorrectedBackToOriginal_thenAccepted() {
        AttackFacts corrected = withDate(PartialDate.parse("2024-03-02"));
        fixture.given(recorded(facts(), classification()), corrected(corrected, "first"))
                .when(new CorrectAttackCommand(ID, facts(), "back"))
                .expectEvents(corrected(facts(), "back"));
    }

    @Test
    void givenRecorded_whenReclassified_thenReclassifiedEvent() {
        Classification other = new Classification(List.of("criminalization"), null, null, null);
        fixture.given(recorded(facts(), classification()))
                .when(new ReclassifyAttackCommand(ID, other, "court documents"))
                .expectEvents(new AttackReclassifiedEvent(ID, other, "court documents"));
    }

    @Test
    void givenRecorded_whenReclassifiedWithUnknownCode_thenRefused() {
        Classification other = new Classification(List.of("criminalization"), null, List.of("nope"), null);
        fixture.given(recorded(facts(), classification()))
                .when(new ReclassifyAttackCommand(ID, other, "court documents"))
                .expectException(UnknownCodeException.class)
                .expectNoEvents();
    }

    @Test
    void givenRecorded_whenReclassifiedIdentically_thenRefused() {
        fixture.given(recorded(facts(), classification()))
                .when(new ReclassifyAttackCommand(ID, classification(), "same"))
                .expectException(rejection("attack.no-change"))
                .expectNoEvents();
    }

    private static AttackFacts withDate(PartialDate date) {
        AttackFacts f = facts();
        return new AttackFacts(f.target(), date, f.location(), f.sources(), f.verificationStatus(), f.narrative());
    }

    private static AttackFacts withTarget(Target target) {
        AttackFacts f = facts();
        return new AttackFacts(
                target, f.occurredOn(), f.location(), f.sources(), f.verificationStatus(), f.narrative());
    }

    private static AttackFacts withLocation(Location location) {
        AttackFacts f = facts();
        return new AttackFacts(
                f.target(), f.occurredOn(), location, f.sources(), f.verificationStatus(), f.narrative());
    }

    private static AttackFacts withNarrative(String narrative) {
        AttackFacts f = facts();
        return new AttackFacts(
                f.target(), f.occurredOn(), f.location(), f.sources(), f.verificationStatus(), narrative);
    }
}
