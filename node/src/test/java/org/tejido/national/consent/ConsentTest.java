package org.tejido.national.consent;

import static org.tejido.support.Rejections.rejection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tejido.vocabulary.UnknownCodeException;
import org.tejido.vocabulary.Vocabulary;

class ConsentTest {
    static final String CODE = "MX-D-0001";
    static final String ATTACK = "6f1c2b7e-0000-4000-8000-000000000001";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final ConsentSubject DEFENDER = ConsentSubject.defender(CODE);
    static final Grantor HERSELF = new Grantor("defender", null);

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private AggregateTestFixture<Consent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Consent.class);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        fixture.registerInjectableResource(new ConsentRules(Vocabulary.load(), CODE::equals, ATTACK::equals, clock));
    }

    static ConsentGrant grant(String scope, Instant expiresAt) {
        return new ConsentGrant(scope, HERSELF, "informed-written", LocalDate.of(2026, 11, 20), expiresAt, null, null);
    }

    @Test
    void givenNothing_whenGranted_thenGrantedEvent() {
        GrantConsentCommand command = new GrantConsentCommand(DEFENDER, grant("statistics", null));
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("statistics", null)));
    }

    @Test
    void givenGranted_whenGrantedAgain_thenReplaced() {
        fixture.given(new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("statistics", null)))
                .when(new GrantConsentCommand(DEFENDER, grant("case", null)))
                .expectEvents(new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("case", null)));
    }

    @Test
    void forAnUnregisteredDefender_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(ConsentSubject.defender("MX-D-9999"), grant("case", null)))
                .expectException(rejection("consent.subject-not-found"))
                .expectNoEvents();
    }

    @Test
    void forAnAttack_thenGranted() {
        ConsentSubject attack = ConsentSubject.attack(ATTACK);
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(attack, grant("none", null)))
                .expectEvents(new ConsentGrantedEvent(attack.consentId(), attack, grant("none", null)));
    }

    @Test
    void withAnUnknownScope_thenRefusedByName() {
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(DEFENDER, grant("everything", null)))
                .expectException(UnknownCodeException.class)
                .expectNoEvents();
    }

    @Test
    void byARepresentativeWithoutName_thenRefused() {
        ConsentGrant anonymousRepresentative = new ConsentGrant(
                "case", new Grantor("representative", " "), "family", LocalDate.of(2026, 1, 1), null, null, null);
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(DEFENDER, anonymousRepresentative))
                .expectException(rejection("field.required"))
                .expectNoEvents();
    }

    @Test
    void withPublicDetailsButNotPublic_thenRefused() {
        ConsentGrant mixed = new ConsentGrant(
                "case", HERSELF, "informed-written", LocalDate.of(2026, 1, 1), null, "Nombre Sintético", null);
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(DEFENDER, mixed))
                .expectException(rejection("consent.public-details-need-public-scope"))
                .expectNoEvents();
    }

    @Test
    void withExpiryInThePast_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(DEFENDER, grant("case", NOW.minusSeconds(1))))
                .expectException(rejection("consent.expiry-in-past"))
                .expectNoEvents();
    }

    @Test
    void grantedInTheFuture_thenRefused() {
        ConsentGrant future =
                new ConsentGrant("case", HERSELF, "informed-written", LocalDate.of(2027, 1, 1), null, null, null);
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(DEFENDER, future))
                .expectException(rejection("date.future"))
                .expectNoEvents();
    }

    @Test
    void givenGranted_whenRevoked_thenRevokedEventWithThePreviousScope() {
        fixture.given(new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("case", null)))
                .when(new RevokeConsentCommand(DEFENDER.consentId(), " changed her mind "))
                .expectEvents(new ConsentRevokedEvent(DEFENDER.consentId(), DEFENDER, "case", "changed her mind"));
    }

    @Test
    void givenRevoked_whenRevokedAgain_thenRefused() {
        fixture.given(
                        new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("case", null)),
                        new ConsentRevokedEvent(DEFENDER.consentId(), DEFENDER, "case", null))
                .when(new RevokeConsentCommand(DEFENDER.consentId(), null))
                .expectException(rejection("consent.not-active"))
                .expectNoEvents();
    }

    @Test
    void givenGrantedWithExpiry_whenExpiredBeforeTime_thenRefused() {
        fixture.given(new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("public", NOW.plusSeconds(60))))
                .when(new ExpireConsentCommand(DEFENDER.consentId()))
                .expectException(rejection("consent.not-expired"))
                .expectNoEvents();
    }

    @Test
    void givenGrantedWithExpiry_whenExpiredAfterTime_thenExpiredEvent() {
        Instant expiry = NOW.plusSeconds(60);
        now.set(expiry.plusSeconds(1));
        fixture.given(new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("public", expiry)))
                .when(new ExpireConsentCommand(DEFENDER.consentId()))
                .expectEvents(new ConsentExpiredEvent(DEFENDER.consentId(), DEFENDER, "public", expiry));
    }

    @Test
    void givenGrantedWithoutExpiry_whenExpired_thenRefused() {
        now.set(NOW.plusSeconds(10_000_000));
        fixture.given(new ConsentGrantedEvent(DEFENDER.consentId(), DEFENDER, grant("case", null)))
                .when(new ExpireConsentCommand(DEFENDER.consentId()))
                .expectException(rejection("consent.not-expired"))
                .expectNoEvents();
    }

    @Test
    void effectiveScopeIsTheAttacksOwnElseTheMostRestrictiveDefendersElseNone() {
        java.util.Optional<SharingScope> none = java.util.Optional.empty();
        org.assertj.core.api.Assertions.assertThat(SharingScope.effective(none, java.util.List.of()))
                .isEqualTo(SharingScope.NONE);
        org.assertj.core.api.Assertions.assertThat(SharingScope.effective(
                        none,
                        java.util.List.of(
                                java.util.Optional.of(SharingScope.CASE),
                                java.util.Optional.of(SharingScope.STATISTICS))))
                .isEqualTo(SharingScope.STATISTICS);
        org.assertj.core.api.Assertions.assertThat(SharingScope.effective(
                        none, java.util.List.of(java.util.Optional.of(SharingScope.PUBLIC), none)))
                .isEqualTo(SharingScope.NONE);
        org.assertj.core.api.Assertions.assertThat(
                        SharingScope.effective(java.util.Optional.of(SharingScope.PUBLIC), java.util.List.of(none)))
                .isEqualTo(SharingScope.PUBLIC);
    }

    @Test
    void scopesOrderFromNothingToPublic() {
        org.assertj.core.api.Assertions.assertThat(SharingScope.CASE.mostRestrictive(SharingScope.STATISTICS))
                .isEqualTo(SharingScope.STATISTICS);
        org.assertj.core.api.Assertions.assertThat(SharingScope.PUBLIC.mostRestrictive(SharingScope.NONE))
                .isEqualTo(SharingScope.NONE);
        org.assertj.core.api.Assertions.assertThat(SharingScope.CASE.mostRestrictive(SharingScope.PUBLIC))
                .isEqualTo(SharingScope.CASE);
    }
}
