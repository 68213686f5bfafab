package org.tejido.national.followup;

import static org.tejido.support.Rejections.rejection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tejido.vocabulary.UnknownCodeException;
import org.tejido.vocabulary.Vocabulary;

class FollowUpTest {
    static final String ID = "0b7d7c8e-0000-4000-8000-000000000001";
    static final String ATTACK = "6f1c2b7e-0000-4000-8000-000000000001";
    static final LocalDate DAY = LocalDate.of(2024, 3, 20);
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    private AggregateTestFixture<FollowUp> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FollowUp.class);
        fixture.registerInjectableResource(new FollowUpRules(Vocabulary.load(), ATTACK::equals, TODAY));
    }

    @Test
    void givenNothing_whenOpened_thenOpenedEvent() {
        fixture.givenNoPriorActivity()
                .when(new OpenFollowUpCommand(ID, ATTACK, "accompaniment", "requested", DAY, "synthetic note"))
                .expectEvents(new FollowUpOpenedEvent(ID, ATTACK, "accompaniment", "requested", DAY, "synthetic note"));
    }

    @Test
    void whenAttackIsUnknown_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenFollowUpCommand(
                        ID, "6f1c2b7e-0000-4000-8000-000000000099", "alert", "requested", DAY, null))
                .expectException(rejection("attack.not-found"))
                .expectNoEvents();
    }

    @Test
    void whenKindIsUnknown_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenFollowUpCommand(ID, ATTACK, "teleportation", "requested", DAY, null))
                .expectException(UnknownCodeException.class)
                .expectNoEvents();
    }

    @Test
    void whenStartedInTheFuture_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenFollowUpCommand(ID, ATTACK, "alert", "requested", LocalDate.of(2027, 1, 1), null))
                .expectException(rejection("date.future"))
                .expectNoEvents();
    }

    @Test
    void givenOpened_whenStatusChanged_thenChangedEvent() {
        fixture.given(new FollowUpOpenedEvent(ID, ATTACK, "relocation", "requested", DAY, null))
                .when(new ChangeFollowUpStatusCommand(ID, "in-progress", null))
                .expectEvents(new FollowUpStatusChangedEvent(ID, ATTACK, "requested", "in-progress", null));
    }

    @Test
    void givenOpened_whenSameStatus_thenRefused() {
        fixture.given(new FollowUpOpenedEvent(ID, ATTACK, "relocation", "requested", DAY, null))
                .when(new ChangeFollowUpStatusCommand(ID, "requested", null))
                .expectException(rejection("follow-up.status-unchanged"))
                .expectNoEvents();
    }

    @Test
    void givenCompleted_whenStatusChanged_thenRefused() {
        fixture.given(
                        new FollowUpOpenedEvent(ID, ATTACK, "relocation", "requested", DAY, null),
                        new FollowUpStatusChangedEvent(ID, ATTACK, "requested", "completed", null))
                .when(new ChangeFollowUpStatusCommand(ID, "in-progress", null))
                .expectException(rejection("follow-up.closed"))
                .expectNoEvents();
    }

    @Test
    void givenOpened_whenUnknownStatus_thenRefused() {
        fixture.given(new FollowUpOpenedEvent(ID, ATTACK, "relocation", "requested", DAY, null))
                .when(new ChangeFollowUpStatusCommand(ID, "paused-forever", null))
                .expectException(UnknownCodeException.class)
                .expectNoEvents();
    }
}
