package org.tejido.national.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tejido.support.Rejections.rejection;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tejido.national.protection.SubjectKeys;
import org.tejido.support.FakeProtector;
import org.tejido.vocabulary.UnknownCodeException;
import org.tejido.vocabulary.Vocabulary;

class DefenderTest {
    static final String CODE = "MX-D-0001";
    static final DefenderProfile PROFILE = new DefenderProfile("individual", List.of("land-and-territory"));

    private AggregateTestFixture<Defender> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Defender.class);
        fixture.registerInjectableResource(new DefenderRules(Vocabulary.load()));
        fixture.registerInjectableResource(protector);
        fixture.registerInjectableResource(new AttacksNamingDefender() {
            @Override
            public List<String> attackIds(String defenderCode) {
                return List.of(ATTACK_1, ATTACK_2);
            }

            @Override
            public List<String> dataKeys(List<String> attackIds) {
                return attackIds.stream().map(id -> "key-of-" + id).toList();
            }
        });
    }

    static final String ATTACK_1 = "6f1c2b7e-0000-4000-8000-000000000001";
    static final String ATTACK_2 = "6f1c2b7e-0000-4000-8000-000000000002";
    private final FakeProtector protector = new FakeProtector();

    @Test
    void givenNothing_whenRegistered_thenRegisteredEvent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDefenderCommand(CODE, "MX", "MX-OAX", PROFILE))
                .expectEvents(new DefenderRegisteredEvent(CODE, "MX", "MX-OAX", PROFILE));
    }

    @Test
    void whenCodeIsMalformed_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDefenderCommand("mx d 1", "MX", null, PROFILE))
                .expectException(rejection("defender.code-malformed"))
                .expectNoEvents();
    }

    @Test
    void whenCodeIsOfAnotherCountry_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDefenderCommand("GT-D-0001", "MX", null, PROFILE))
                .expectException(rejection("defender.code-country-mismatch"))
                .expectNoEvents();
    }

    @Test
    void whenCountryIsMissing_thenRefusedAsARequiredField() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDefenderCommand(CODE, null, null, PROFILE))
                .expectException(rejection("field.required"))
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenCorrectedWithoutCountry_thenRefusedAsARequiredField() {
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", "MX-OAX", PROFILE))
                .when(new CorrectDefenderProfileCommand(CODE, null, null, PROFILE, "moved"))
                .expectException(rejection("field.required"))
                .expectNoEvents();
    }

    @Test
    void whenProfileKindIsUnknown_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDefenderCommand(CODE, "MX", null, new DefenderProfile("alien", List.of())))
                .expectException(UnknownCodeException.class)
                .expectNoEvents();
    }

    @Test
    void whenSubdivisionOutsideCountry_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDefenderCommand(CODE, "MX", "HN-CR", PROFILE))
                .expectException(rejection("location.subdivision-outside-country"))
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenProfileCorrected_thenCorrectedEvent() {
        DefenderProfile collective = new DefenderProfile("collective", List.of("environment"));
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", "MX-OAX", PROFILE))
                .when(new CorrectDefenderProfileCommand(CODE, "MX", "MX-CHP", collective, "moved"))
                .expectEvents(new DefenderProfileCorrectedEvent(CODE, "MX", "MX-CHP", collective, "moved"));
    }

    @Test
    void givenRegistered_whenCorrectedWithoutChange_thenRefused() {
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", "MX-OAX", PROFILE))
                .when(new CorrectDefenderProfileCommand(CODE, "MX", "MX-OAX", PROFILE, "nothing"))
                .expectException(rejection("defender.no-change"))
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenCorrectedToAnotherCountry_thenRefused() {
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", "MX-OAX", PROFILE))
                .when(new CorrectDefenderProfileCommand(CODE, "GT", null, PROFILE, "moved"))
                .expectException(rejection("defender.code-country-mismatch"))
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenIdentityRecorded_thenItsOwnEvent() {
        IdentifyingData identity = new IdentifyingData("Nombre Sintético", List.of("+00 000 000"), "Calle Falsa 1");
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", null, PROFILE))
                .when(new RecordDefenderIdentityCommand(CODE, identity))
                .expectEvents(
                        new DefenderIdentityRecordedEvent(CODE, protector.seal(SubjectKeys.defender(CODE), identity)));
    }

    @Test
    void givenRegistered_whenErased_thenHerKeyAndHerAttacksKeysAreDestroyed() {
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", null, PROFILE))
                .when(new EraseDefenderCommand(CODE, "her request"))
                .expectEvents(new DefenderErasedEvent(CODE, List.of(ATTACK_1, ATTACK_2), "her request"));
        assertThat(protector.destroyed())
                .containsExactly("defender:" + CODE, "key-of-" + ATTACK_1, "key-of-" + ATTACK_2);
    }

    @Test
    void givenErased_whenErasedAgainOrChanged_thenRefused() {
        fixture.given(
                        new DefenderRegisteredEvent(CODE, "MX", null, PROFILE),
                        new DefenderErasedEvent(CODE, List.of(), "her request"))
                .when(new EraseDefenderCommand(CODE, "again"))
                .expectException(rejection("defender.erased"))
                .expectNoEvents();
        fixture.given(
                        new DefenderRegisteredEvent(CODE, "MX", null, PROFILE),
                        new DefenderErasedEvent(CODE, List.of(), "her request"))
                .when(new RecordDefenderIdentityCommand(CODE, new IdentifyingData("Nombre", List.of(), null)))
                .expectException(rejection("defender.erased"))
                .expectNoEvents();
    }

    @Test
    void erasureNeedsAReason() {
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", null, PROFILE))
                .when(new EraseDefenderCommand(CODE, " "))
                .expectException(rejection("field.required"))
                .expectNoEvents();
        assertThat(protector.destroyed()).isEmpty();
    }

    @Test
    void givenRegistered_whenIdentityHasNoName_thenRefused() {
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", null, PROFILE))
                .when(new RecordDefenderIdentityCommand(CODE, new IdentifyingData(" ", List.of(), null)))
                .expectException(rejection("field.required"))
                .expectNoEvents();
    }

    @Test
    void givenRegistered_whenIdentityIsOversized_thenRefused() {
        IdentifyingData huge = new IdentifyingData("x".repeat(DefenderRules.MAX_TEXT + 1), List.of(), null);
        fixture.given(new DefenderRegisteredEvent(CODE, "MX", null, PROFILE))
                .when(new RecordDefenderIdentityCommand(CODE, huge))
                .expectException(rejection("field.too-long"))
                .expectNoEvents();
    }
}
