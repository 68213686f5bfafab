package org.tejido.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * Issue 20: after many rapid replay requests, processors stayed at position -1 with no error until a
 * restart. Every replay request gets 202 (or 409 while another replay of that projection is running,
 * never a 500), and afterwards every projection is running again and catches up to the head.
 */
@NodeIntegrationTest
class ReplayRaceIT {
    static final int SEQUENTIAL_ROUNDS = 15;
    static final int CONCURRENT_REQUESTS = 40;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void rapidAndConcurrentReplaysLeaveEveryProjectionCaughtUp() throws Exception {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http admin = TestUsers.http(node, port, "admin");
        assertThat(registrar.postJson("/api/attacks", Fixtures.attack().json()).status())
                .isEqualTo(201);
        List<String> resettable = resettable(admin);
        assertThat(resettable).contains("cases");

        // One request after the other, each as soon as the previous one answered.
        for (int round = 0; round < SEQUENTIAL_ROUNDS; round++) {
            for (String name : resettable) {
                Http.Response replay = admin.postJson("/api/admin/projections/" + name + "/replay", "");
                assertThat(replay.status()).as(name + ": " + replay.body()).isIn(202, 409);
            }
        }
        assertEveryProjectionCatchesUp(registrar, admin);

        // Many at once.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                String name = resettable.get(i % resettable.size());
                answers.add(clients.submit(() -> admin.postJson("/api/admin/projections/" + name + "/replay", "")));
            }
            List<Http.Response> replies = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                replies.add(answer.get());
            }
            assertEveryProjectionCatchesUp(registrar, admin);
            for (Http.Response replay : replies) {
                assertThat(replay.status()).as(replay.body()).isIn(202, 409);
                if (replay.status() == 409) {
                    assertThat(replay.problemCode()).isEqualTo("projection.busy");
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The cause of the processors left at -1. Axon 4.13's tracking processor starts a launcher thread that
     * claims the segment and, when it has no thread to spare, goes on as the segment's worker itself. A
     * stop that arrived between the claim and that hand-over freed the segment without giving the thread
     * back: every later start launched a launcher with no thread to give a segment to. Here the processor
     * is stopped at every moment of the first milliseconds after a start, then started for good: it must
     * work again.
     */
    @Test
    void aStopJustAfterAStartNeverLeavesAProcessorWithoutAWorker() throws Exception {
        StreamingEventProcessor processor = processing
                .eventProcessor("erasure-revocations", StreamingEventProcessor.class)
                .orElseThrow();
        Http registrar = TestUsers.http(node, port, "registrar");
        Http admin = TestUsers.http(node, port, "admin");
        for (int i = 0; i < 60; i++) {
            processor.shutDown();
            processor.start();
            long until = System.nanoTime() + (i % 30) * 500_000L; // 0 to 15 ms
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
        processor.shutDown();
        processor.start();
        assertEveryProjectionCatchesUp(registrar, admin);
        assertThat(processor.processingStatus()).isNotEmpty();
    }

    private static void assertEveryProjectionCatchesUp(Http registrar, Http admin) {
        // A new event after the replays: every processor must be working, not just left where it was.
        assertThat(registrar.postJson("/api/attacks", Fixtures.attack().json()).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    for (JsonNode status : admin.get("/api/admin/projections").json()) {
                        String name = status.get("name").asText();
                        assertThat(status.get("running").asBoolean())
                                .as(name + " running: " + status)
                                .isTrue();
                        assertThat(status.get("error").asBoolean())
                                .as(name + " error: " + status)
                                .isFalse();
                        assertThat(status.get("position").asLong())
                                .as(name + " at the head: " + status)
                                .isEqualTo(status.get("head").asLong());
                    }
                });
    }

    /** The projections a replay is allowed for (not the federation log): each replayed once to find out. */
    private static List<String> resettable(Http admin) {
        List<String> names = new ArrayList<>();
        for (JsonNode status : admin.get("/api/admin/projections").json()) {
            String name = status.get("name").asText();
            Http.Response replay = admin.postJson("/api/admin/projections/" + name + "/replay", "");
            if (replay.status() == 202) {
                names.add(name);
            } else {
                assertThat(replay.problemCode()).as(name).isEqualTo("projection.not-resettable");
            }
        }
        return names;
    }
}
