package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * What the node is meant to do is not an error: erasing a defender whose attacks have no consent, and
 * commands refused for a reason (an erased defender, a duplicate code, an unknown code, a name typed into
 * a code field) log no stack trace at any level, never the value typed, and never count as
 * {@code rejected} in the metrics, which operators alert on (docs/operations.md).
 */
@NodeIntegrationTest
class ExpectedOutcomesLogQuietlyIT {
    private static final String TYPED = "Quietmarker Nombre Tecleado";

    @Autowired
    ApplicationContext node;

    @Autowired
    MeterRegistry metrics;

    @LocalServerPort
    int port;

    @Test
    void erasureAndRefusedCommandsLogNoStackTraceNoTypedValueAndAreNotRejections() {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        String code = Fixtures.newDefenderCode("MX");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        String attackId = registrar
                .postJson("/api/attacks", Fixtures.attack().defenders(code).json())
                .json()
                .get("attackId")
                .asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registrar.get("/api/attacks/" + attackId).status() == 200);
        java.util.Map<String, Double> rejectedBefore = rejected();

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            // Erasure of a defender whose attack has no consent: nothing to revoke, nothing wrong.
            assertThat(coordinator
                            .postJson("/api/defenders/" + code + "/erasure", "{\"reason\":\"her request\"}")
                            .status())
                    .isEqualTo(204);
            // Refused commands, each for its reason.
            assertThat(registrar
                            .postJson(
                                    "/api/defenders/" + code + "/profile-corrections",
                                    "{\"country\":\"MX\",\"subdivision\":null,\"profile\":{\"kind\":\"individual\",\"rightsDefended\":[\"women-rights\"]},"
                                            + "\"reason\":\"" + TYPED + "\"}")
                            .problemCode())
                    .isEqualTo("defender.erased");
            assertThat(registrar
                            .postJson("/api/defenders", Fixtures.defenderJson(code))
                            .status())
                    .isEqualTo(409);
            assertThat(registrar
                            .postJson(
                                    "/api/attacks",
                                    Fixtures.attack().defenders(code).json())
                            .status())
                    .isEqualTo(422);
            assertThat(registrar
                            .postJson(
                                    "/api/attacks",
                                    Fixtures.attack().defenders("MX-" + TYPED).json())
                            .status())
                    .isEqualTo(422);
            assertThat(registrar
                            .postJson(
                                    "/api/attacks",
                                    Fixtures.attack().types(TYPED).json())
                            .status())
                    .isEqualTo(422);
            assertThat(registrar
                            .postJson(
                                    "/api/attacks/" + attackId + "/reclassifications",
                                    "{\"classification\":"
                                            + Fixtures.attack().types(TYPED).classification() + ",\"reason\":\"" + TYPED
                                            + "\"}")
                            .status())
                    .isEqualTo(422);
            // The erasure's revocations run in the background: let them.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
        } finally {
            root.detachAppender(log);
        }

        List<String> problems = new ArrayList<>();
        synchronized (log.list) {
            for (ILoggingEvent event : log.list) {
                String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
                if (event.getThrowableProxy() != null) {
                    problems.add("stack trace at " + event.getLevel() + ": " + event.getLoggerName() + " " + text);
                }
                if (text.contains("Quietmarker")) {
                    problems.add("typed value in " + event.getLoggerName() + ": " + text);
                }
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    problems.add("error: " + event.getLoggerName() + " " + text);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(rejected()).isEqualTo(rejectedBefore);
    }

    /** Rejected commands by name, so that a failure says which. */
    private java.util.Map<String, Double> rejected() {
        return metrics.find("tejido.commands").tag("outcome", "rejected").counters().stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.getId().getTag("command"), Counter::count));
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
            text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
