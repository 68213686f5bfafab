package org.tejido.national.defender;

import static org.tejido.support.Rejections.rejection;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    }

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
                .expectEvents(new DefenderIdentityRecordedEvent(CODE, identity));
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
