package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * Bad input gets a 4xx problem detail with a stable code, never a 500, and changes nothing: the
 * event store and the read model hold exactly what they held before.
 */
@NodeIntegrationTest
class BadInputIT {
    static final String UNKNOWN_ATTACK = "6f1c2b7e-0000-4000-8000-00000000dead";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext node;

    Http http;

    @BeforeEach
    void setUp() {
        http = TestUsers.http(node, port, "registrar");
    }

    static Stream<Arguments> badAttacks() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"facts\": {", 400, "request.malformed"),
                Arguments.of("not an object", "[1,2,3]", 400, "request.malformed"),
                Arguments.of("trailing garbage", Fixtures.attack().json() + " {}", 400, "request.malformed"),
                Arguments.of(
                        "unknown top-level field",
                        Fixtures.attack().json().replaceFirst("\\{", "{\"secret\":1,"),
                        400,
                        "request.unknown-field"),
                Arguments.of(
                        "unknown nested field",
                        Fixtures.attack().json().replace("\"occurredOn\"", "\"colour\":\"red\",\"occurredOn\""),
                        400,
                        "request.unknown-field"),
                Arguments.of(
                        "unknown aggression type",
                        Fixtures.attack()
                                .types("death-threat", "alien-abduction")
                                .json(),
                        422,
                        "vocabulary.unknown-code"),
                Arguments.of(
                        "retired aggression type",
                        Fixtures.attack().types("defamation").json(),
                        422,
                        "vocabulary.retired-code"),
                Arguments.of(
                        "unknown country", Fixtures.attack().place("XX", null).json(), 422, "vocabulary.unknown-code"),
                Arguments.of(
                        "subdivision of another country",
                        Fixtures.attack().place("GT", "MX-OAX").json(),
                        422,
                        "location.subdivision-outside-country"),
                Arguments.of(
                        "31 February",
                        Fixtures.attack().occurredOn("2024-02-31").json(),
                        422,
                        "date.impossible"),
                Arguments.of(
                        "29 February of a common year",
                        Fixtures.attack().occurredOn("2023-02-29").json(),
                        422,
                        "date.impossible"),
                Arguments.of("month 13", Fixtures.attack().occurredOn("2024-13").json(), 422, "date.impossible"),
                Arguments.of(
                        "future date",
                        Fixtures.attack().occurredOn("2099-01-01").json(),
                        422,
                        "date.future"),
                Arguments.of(
                        "date written another way",
                        Fixtures.attack().occurredOn("15/03/2024").json(),
                        422,
                        "date.malformed"),
                Arguments.of(
                        "oversized narrative",
                        Fixtures.attack().narrative("n".repeat(20_001)).json(),
                        422,
                        "field.too-long"),
                Arguments.of(
                        "oversized municipality",
                        Fixtures.attack().municipality("m".repeat(201)).json(),
                        422,
                        "field.too-long"),
                Arguments.of(
                        "body over the size limit",
                        Fixtures.attack().narrative("n".repeat(300_000)).json(),
                        413,
                        "request.too-large"),
                Arguments.of(
                        "no aggression type", Fixtures.attack().types().json(), 422, "attack.aggression-type-required"),
                Arguments.of(
                        "unregistered defender",
                        Fixtures.attack().defenders("MX-NOBODY-1").json(),
                        422,
                        "attack.unknown-defender"),
                Arguments.of("missing facts", "{\"classification\":null}", 422, "field.required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAttacks")
    void refusesABadAttackAndChangesNothing(String why, String body, int status, String code) {
        State before = state();
        Http.Response response = http.postJson("/api/attacks", body);
        assertThat(response.status()).as(why + ": " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo(code);
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(state()).isEqualTo(before);
    }

    /**
     * Issue 20: an attack naming the same defender twice was recorded (201), and the consent projection
     * then failed on its event for ever. It is refused before anything is recorded, with the positions
     * of the repeat and never the code typed (which is also kept out of the log).
     */
    @Test
    void anAttackListingTheSameDefenderTwiceIsRefusedAndRecordsNothing() {
        String code = Fixtures.newDefenderCode("MX");
        assertThat(http.postJson("/api/defenders", Fixtures.defenderJson(code)).status())
                .isEqualTo(201);
        State before = state();
        Http.Response response = http.postJson(
                "/api/attacks", Fixtures.attack().defenders(code, code).json(), "en");
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("attack.duplicate-defender");
        assertThat(response.json().get("detail").asText())
                .isEqualTo("The defender in position 2 of the target is already listed in position 1:"
                        + " list each defender once.")
                .doesNotContain(code);
        assertThat(http.postJson(
                                "/api/attacks",
                                Fixtures.attack().defenders(code, code).json(),
                                "es")
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("La defensora en la posición 2 del objetivo ya figura en la posición 1:"
                        + " indique cada defensora una sola vez.");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWhileReading() {
        State before = state();
        Http.Response response = http.postChunked(
                "/api/attacks",
                "application/json",
                Fixtures.attack().narrative("n".repeat(300_000)).json());
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.problemCode()).isEqualTo("request.too-large");
        Http.Response hugeCsv =
                http.postChunked("/api/imports/attacks", "text/csv", "occurred_on\n" + "2020\n".repeat(5_000_000));
        assertThat(hugeCsv.status()).as(hugeCsv.body()).isEqualTo(413);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void correctionsOfAnUnknownAttackAreNotFound() {
        State before = state();
        Http.Response response = http.postJson(
                "/api/attacks/" + UNKNOWN_ATTACK + "/corrections",
                "{\"facts\":" + Fixtures.attack().facts() + ",\"reason\":\"r\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("record.not-found");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void readingAnUnknownOrMalformedAttackIsNotFound() {
        assertThat(http.get("/api/attacks/" + UNKNOWN_ATTACK).problemCode()).isEqualTo("attack.not-found");
        assertThat(http.get("/api/attacks/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void followUpOnAnUnknownAttackIsRefused() {
        State before = state();
        Http.Response response = http.postJson(
                "/api/attacks/" + UNKNOWN_ATTACK + "/follow-ups",
                "{\"kind\":\"alert\",\"status\":\"requested\",\"startedOn\":\"2024-01-01\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("attack.not-found");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void registeringTheSameDefenderTwiceIsAConflict() {
        String code = Fixtures.newDefenderCode("NI");
        assertThat(http.postJson("/api/defenders", Fixtures.defenderJson(code)).status())
                .isEqualTo(201);
        State before = state();
        Http.Response again = http.postJson("/api/defenders", Fixtures.defenderJson(code));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemCode()).isEqualTo("record.already-exists");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void badQueryParametersAreRefused() {
        assertThat(http.get("/api/attacks?from=yesterday").problemCode()).isEqualTo("request.invalid-parameter");
        assertThat(http.get("/api/attacks?size=1000").problemCode()).isEqualTo("request.paging");
        assertThat(http.get("/api/attacks?type=alien-abduction").problemCode()).isEqualTo("vocabulary.unknown-code");
        assertThat(http.get("/api/attacks?size=x").status()).isEqualTo(400);
        Http.Response badCursor = http.get("/api/attacks?after=not-a-cursor", "en");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.problemCode()).isEqualTo("request.invalid-cursor");
        assertThat(badCursor.json().get("title").asText()).isEqualTo("Invalid cursor");
        assertThat(badCursor.json().get("detail").asText()).doesNotContain("not-a-cursor");
        assertThat(http.get("/api/attacks?after=not-a-cursor")
                        .json()
                        .get("title")
                        .asText())
                .isEqualTo("Cursor no válido");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblemsToo() {
        assertThat(http.post("/api/attacks", "text/plain", "hello").status()).isEqualTo(415);
        assertThat(http.putJson("/api/attacks", "{}").status()).isEqualTo(405);
        assertThat(http.get("/api/nowhere").problemCode()).isEqualTo("http.404");
    }

    @Test
    void speaksSpanishByDefaultAndEnglishWhenAsked() {
        String body = Fixtures.attack().occurredOn("2024-02-31").json();
        assertThat(http.postJson("/api/attacks", body, "es")
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("La fecha \"2024-02-31\" no existe.");
        assertThat(http.postJson("/api/attacks", body, "en-GB,en;q=0.9")
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("The date \"2024-02-31\" does not exist.");
    }

    private State state() {
        return new State(
                jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM case_summary", Long.class));
    }

    record State(long events, long cases) {}
}
