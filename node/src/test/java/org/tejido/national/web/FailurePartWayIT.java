package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.national.attack.RecordAttackCommand;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * A command that fails after its aggregate has applied its event (but before the unit of work
 * commits) leaves nothing behind: no event in the store, so nothing for a projection to pick up.
 */
@NodeIntegrationTest
class FailurePartWayIT {
    static final String POISON = "Synthetic poison narrative";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandBus commandBus;

    @Autowired
    ApplicationContext node;

    @Test
    void aCommandFailingAfterItsEventWasAppliedLeavesNoEventAndNoCaseRow() {
        Http http = TestUsers.http(node, port, "registrar");
        Registration failAfterHandling = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage().getPayload() instanceof RecordAttackCommand c
                    && POISON.equals(c.facts().narrative())) {
                throw new IllegalStateException("simulated crash after the event was applied");
            }
            return result;
        });
        // Every earlier attack projected first, so that the row count below can only change by ours.
        String earlier = http.postJson("/api/attacks", Fixtures.attack().json())
                .json()
                .get("attackId")
                .asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/api/attacks/" + earlier).status() == 200);
        long casesBefore = countCases();
        long eventsBefore;
        Http.Response response;
        try {
            eventsBefore = countEvents();
            response = http.postJson(
                    "/api/attacks", Fixtures.attack().narrative(POISON).json());
        } finally {
            failAfterHandling.cancel();
        }
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.problemCode()).isEqualTo("internal");
        assertThat(countEvents()).isEqualTo(eventsBefore);

        // Once a later attack is projected, the projection has passed the point where the failed one
        // would have been: it must not be there.
        String later = http.postJson("/api/attacks", Fixtures.attack().json())
                .json()
                .get("attackId")
                .asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/api/attacks/" + later).status() == 200);
        // The narrative is sealed at rest, so the failed attack cannot be looked for by it: exactly one
        // case row more than before, the later attack's.
        assertThat(countCases()).isEqualTo(casesBefore + 1);
    }

    private long countCases() {
        return jdbc.queryForObject("SELECT count(*) FROM case_summary", Long.class);
    }

    private long countEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }
}
