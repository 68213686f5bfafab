package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.tejido.platform.security.Role;
import org.tejido.support.Fixtures;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * The OpenAPI document is the contract (issue 21): every answer the node gives to a set of
 * representative calls is documented for its operation (status, media type, and for a problem its
 * {@code code}), and every status the document promises for an operation is given by at least one of
 * them. The operations come from the served document, so a new one is driven too: without a token,
 * with a role not named for it, with an unreadable query, unknown and malformed ids, and, when it takes
 * a body, a malformed one, one of the wrong media type and one too large. Success and the refusals of
 * its own rules (404, 409, 422) come from the calls below, written for each operation: an operation
 * with none fails the test until it has them.
 */
@NodeIntegrationTest
class ApiContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("`([a-z0-9-]+(?:\\.[a-z0-9-]+)+)`");

    /**
     * Documented statuses these calls cannot give, and the test that shows the node giving them: the
     * database must be stopped for 503, two calls must race for {@code projection.busy}, and a read
     * model must have failed on an event for a parked one to be retried or dropped.
     */
    static final Map<String, String> GIVEN_ELSEWHERE = Map.of(
            "* 503", "DatabaseOutageIT",
            "POST /api/admin/projections/{name}/dead-letters/{id}/retry 200", "ParkedEventsIT",
            "DELETE /api/admin/projections/{name}/dead-letters/{id} 204", "ParkedEventsIT");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private JsonNode doc;
    /** "METHOD /template" -> statuses given. */
    private final Map<String, Set<Integer>> given = new TreeMap<>();

    private final List<String> undocumented = new ArrayList<>();
    /** Calls whose answers need a signed checkpoint: asked once the log has one. */
    private final List<Call> afterCheckpoint = new ArrayList<>();

    /** Operations whose only 404 is "nothing logged yet". */
    static final Set<String> ANSWERED_FROM_THE_CHECKPOINT = Set.of(
            "GET /api/federation/log/checkpoint",
            "GET /api/federation/log/tiles/checkpoint",
            "GET /api/federation/log/proofs/consistency");

    record Call(String op, String path, String role, String contentType, byte[] body) {}

    @Test
    void everyAnswerIsDocumentedAndEveryDocumentedAnswerIsGiven() throws Exception {
        doc = JSON.readTree(send(new Call("GET /v3/api-docs", "/v3/api-docs", null, null, null))
                .body());
        boolean logWasEmpty =
                check(call("GET /api/federation/log/checkpoint", "auditor")).statusCode() == 404;
        // While nothing is logged, the tiles' checkpoint and the proofs answer 404 as well.
        check(call("GET /api/federation/log/tiles/checkpoint", "auditor"));
        check(get(
                "GET /api/federation/log/proofs/consistency",
                "/api/federation/log/proofs/consistency?first=1",
                "auditor"));
        Map<String, List<Call>> own = ownCalls();

        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String key = op.getKey().toUpperCase() + " " + path.getKey();
                given.putIfAbsent(key, new TreeSet<>());
                assertThat(own).as("calls written for %s", key).containsKey(key);
                for (Call call : generic(key, op.getValue())) {
                    check(call);
                }
            }
        }
        // In the order written: some set up what the next ones refuse (a consent before its revocation).
        own.values().forEach(calls -> calls.forEach(this::check));
        // The attacks shared above reach the log, and a checkpoint is signed within seconds.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> check(call("GET /api/federation/log/checkpoint", "auditor"))
                                .statusCode()
                        == 200);
        afterCheckpoint.forEach(this::check);
        waitForReplays();

        List<String> neverGiven = new ArrayList<>();
        given.forEach((key, statuses) -> {
            for (Iterator<String> documented = operation(key).path("responses").fieldNames(); documented.hasNext(); ) {
                String status = documented.next();
                boolean elsewhere = GIVEN_ELSEWHERE.containsKey(key + " " + status)
                        || GIVEN_ELSEWHERE.containsKey("* " + status)
                        // Whether the shared node has logged anything yet depends on the tests before.
                        || (ANSWERED_FROM_THE_CHECKPOINT.contains(key) && status.equals("404") && !logWasEmpty);
                if (!statuses.contains(Integer.parseInt(status)) && !elsewhere) {
                    neverGiven.add(key + " " + status);
                }
            }
        });
        assertThat(undocumented).as("answers the document does not describe").isEmpty();
        assertThat(neverGiven).as("documented answers no call produced").isEmpty();
    }

    /** The calls every operation gets, from what the document says of it. */
    private List<Call> generic(String key, JsonNode op) {
        List<String> allowed = new ArrayList<>();
        op.path("x-roles").forEach(r -> allowed.add(r.asText()));
        String role = allowed.get(0);
        String path = key.substring(key.indexOf(' ') + 1);
        List<Call> calls = new ArrayList<>();
        String unknown = fill(path, "unknown");
        calls.add(new Call(key, unknown, null, null, null));
        for (Role other : Role.values()) {
            if (!allowed.contains(other.code())) {
                calls.add(new Call(key, unknown, other.code(), null, null));
                break;
            }
        }
        calls.add(new Call(key, unknown + "?q=%00", role, null, null));
        calls.add(new Call(key, unknown + "?zz-not-a-parameter=1", role, null, null));
        if (path.contains("{")) {
            calls.add(new Call(key, unknown, role, null, null));
            calls.add(new Call(key, fill(path, "malformed"), role, null, null));
        }
        if (op.has("requestBody")) {
            boolean csv = op.path("requestBody").path("content").has("text/csv");
            String type = csv ? "text/csv" : "application/json";
            calls.add(new Call(key, unknown, role, type, "{".getBytes()));
            calls.add(new Call(key, unknown, role, csv ? "application/json" : "text/plain", "{}".getBytes()));
            calls.add(new Call(key, unknown, role, type, new byte[csv ? 21 * 1024 * 1024 : 300 * 1024]));
        }
        return calls;
    }

    private static String fill(String path, String kind) {
        Matcher param = Pattern.compile("\\{([^}]+)}").matcher(path);
        StringBuilder filled = new StringBuilder();
        while (param.find()) {
            String value = switch (param.group(1)) {
                case "attackId", "followUpId", "id" ->
                    kind.equals("unknown") ? UUID.randomUUID().toString() : "not-a-uuid";
                case "code" -> kind.equals("unknown") ? Fixtures.newDefenderCode("MX") : "not-a-code";
                default -> kind.equals("unknown") ? "nothing" : "not-a-name";
            };
            param.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        param.appendTail(filled);
        return filled.toString();
    }

    /**
     * Each operation's own calls: success, and the refusals of its rules. Records made here are this
     * test's own (a shared node: never assume it empty).
     */
    private Map<String, List<Call>> ownCalls() {
        Map<String, List<Call>> calls = new LinkedHashMap<>();
        String registrar = "registrar";
        String coordinator = "coordinator";
        String admin = "admin";
        String auditor = "auditor";

        String defender = Fixtures.newDefenderCode("MX");
        String forgotten = Fixtures.newDefenderCode("MX");
        ensure(json("POST /api/defenders", "/api/defenders", registrar, Fixtures.defenderJson(defender)), 201);
        ensure(json("POST /api/defenders", "/api/defenders", registrar, Fixtures.defenderJson(forgotten)), 201);
        ensure(
                json(
                        "POST /api/defenders/{code}/erasure",
                        "/api/defenders/" + forgotten + "/erasure",
                        coordinator,
                        "{\"reason\":\"asked to be forgotten\"}"),
                204);
        String profile = "{\"country\":\"MX\",\"subdivision\":\"MX-OAX\",\"profile\":{\"kind\":\"individual\","
                + "\"rightsDefended\":[\"land-and-territory\"]},\"reason\":\"moved\"}";
        String identity = "{\"fullName\":\"Nombre Ficticio\",\"contacts\":[],\"exactAddress\":null}";
        String futureConsent = Fixtures.consentJson("case").replace("2026-01-01", "2999-01-01");

        add(
                calls,
                "POST /api/defenders",
                json("/api/defenders", registrar, Fixtures.defenderJson(Fixtures.newDefenderCode("MX"))),
                json("/api/defenders", registrar, Fixtures.defenderJson(defender)),
                json("/api/defenders", registrar, Fixtures.defenderJson("MX-T-bad code")));
        add(
                calls,
                "POST /api/defenders/{code}/profile-corrections",
                json("/api/defenders/" + defender + "/profile-corrections", registrar, profile),
                json("/api/defenders/" + defender + "/profile-corrections", registrar, profile),
                json("/api/defenders/" + forgotten + "/profile-corrections", registrar, profile));
        add(
                calls,
                "PUT /api/defenders/{code}/identity",
                json("/api/defenders/" + defender + "/identity", registrar, identity),
                json("/api/defenders/" + defender + "/identity", registrar, "{\"fullName\":null}"),
                json("/api/defenders/" + forgotten + "/identity", registrar, identity));
        add(
                calls,
                "GET /api/defenders/{code}",
                get("/api/defenders/" + defender + "?identity=true", coordinator),
                get("/api/defenders/" + defender + "?identity=maybe", coordinator));
        add(
                calls,
                "PUT /api/defenders/{code}/consent",
                json("/api/defenders/" + defender + "/consent", coordinator, Fixtures.consentJson("public")),
                json("/api/defenders/" + defender + "/consent", coordinator, futureConsent),
                json("/api/defenders/" + forgotten + "/consent", coordinator, Fixtures.consentJson("case")));
        // Revoked at the end (below), once the attack's own consent has been exercised.

        Fixtures.AttackJson attack = Fixtures.attack().defenders(defender);
        String attackId = ensureJson(json("POST /api/attacks", "/api/attacks", registrar, attack.json()), 201)
                .path("attackId")
                .asText();
        String corrected = "{\"facts\":"
                + attack.narrative("Corrected synthetic narrative.").facts() + ",\"reason\":\"typo\"}";
        String reclassified = "{\"classification\":"
                + Fixtures.attack().types("death-threat", "harassment").classification() + ",\"reason\":\"new facts\"}";
        String a = "/api/attacks/" + attackId;
        add(
                calls,
                "POST /api/attacks",
                json("/api/attacks", registrar, Fixtures.attack().json()),
                json("/api/attacks", registrar, Fixtures.attack().types().json()));
        add(
                calls,
                "GET /api/attacks",
                get("/api/attacks?size=5", registrar),
                get("/api/attacks?size=0", registrar),
                get("/api/attacks?size=x", registrar),
                get("/api/attacks?after=not-a-cursor", registrar),
                get("/api/attacks?page=2", registrar));
        add(calls, "GET /api/attacks/{attackId}", get(a, registrar));
        add(
                calls,
                "POST /api/attacks/{attackId}/corrections",
                json(a + "/corrections", registrar, corrected),
                json(a + "/corrections", registrar, corrected));
        add(
                calls,
                "POST /api/attacks/{attackId}/reclassifications",
                json(a + "/reclassifications", registrar, reclassified),
                json(a + "/reclassifications", registrar, reclassified));

        String openFollowUp = "{\"kind\":\"alert\",\"status\":\"requested\",\"startedOn\":\"2024-04-01\"}";
        String followUp = ensureJson(
                        json("POST /api/attacks/{attackId}/follow-ups", a + "/follow-ups", registrar, openFollowUp),
                        201)
                .path("followUpId")
                .asText();
        String closing = ensureJson(
                        json("POST /api/attacks/{attackId}/follow-ups", a + "/follow-ups", registrar, openFollowUp),
                        201)
                .path("followUpId")
                .asText();
        ensure(
                json(
                        "POST /api/follow-ups/{followUpId}/status-changes",
                        "/api/follow-ups/" + closing + "/status-changes",
                        registrar,
                        "{\"status\":\"completed\",\"note\":null}"),
                204);
        add(
                calls,
                "POST /api/attacks/{attackId}/follow-ups",
                json(a + "/follow-ups", registrar, openFollowUp),
                json(a + "/follow-ups", registrar, openFollowUp.replace("alert", "nope")));
        add(
                calls,
                "POST /api/follow-ups/{followUpId}/status-changes",
                json("/api/follow-ups/" + followUp + "/status-changes", registrar, "{\"status\":\"in-progress\"}"),
                json("/api/follow-ups/" + followUp + "/status-changes", registrar, "{\"status\":\"in-progress\"}"),
                json("/api/follow-ups/" + closing + "/status-changes", registrar, "{\"status\":\"in-progress\"}"));

        add(
                calls,
                "PUT /api/attacks/{attackId}/consent",
                json(a + "/consent", coordinator, Fixtures.consentJson("public")),
                json(a + "/consent", coordinator, futureConsent));
        add(calls, "GET /api/attacks/{attackId}/consent", get(a + "/consent", registrar));
        add(
                calls,
                "PUT /api/attacks/{attackId}/sharing-summary",
                json(a + "/sharing-summary", coordinator, "{\"summary\":\"A synthetic summary.\"}"),
                json(a + "/sharing-summary", coordinator, "{\"summary\":\"A synthetic summary.\"}"));
        add(calls, "GET /api/attacks/{attackId}/shared-view", get(a + "/shared-view", registrar));
        add(
                calls,
                "POST /api/attacks/{attackId}/consent/revocation",
                json(a + "/consent/revocation", coordinator, "{\"reason\":\"" + "r".repeat(400) + "\"}"),
                json(a + "/consent/revocation", coordinator, "{\"reason\":\"changed her mind\"}"),
                json(a + "/consent/revocation", coordinator, "{\"reason\":\"changed her mind\"}"));
        add(
                calls,
                "POST /api/defenders/{code}/consent/revocation",
                json(
                        "/api/defenders/" + defender + "/consent/revocation",
                        coordinator,
                        "{\"reason\":\"" + "r".repeat(400) + "\"}"),
                json("/api/defenders/" + defender + "/consent/revocation", coordinator, "{\"reason\":\"done\"}"),
                json("/api/defenders/" + defender + "/consent/revocation", coordinator, "{\"reason\":\"done\"}"));
        add(
                calls,
                "POST /api/defenders/{code}/erasure",
                json("/api/defenders/" + defender + "/erasure", coordinator, "{\"reason\":null}"),
                json("/api/defenders/" + defender + "/erasure", coordinator, "{\"reason\":\"asked\"}"),
                json("/api/defenders/" + defender + "/erasure", coordinator, "{\"reason\":\"asked\"}"));
        add(
                calls,
                "GET /api/access-log",
                get("/api/access-log?limit=5", coordinator),
                get("/api/access-log?limit=0", coordinator),
                get("/api/access-log?limit=x", coordinator));

        String header = "occurred_on,country,subdivision,municipality,target_kind,relationship,defenders,"
                + "aggression_types,perpetrators,rights_defended,gender_elements,sources,verification_status,"
                + "narrative\n";
        String row = "2021-10-23,HN,HN-GD,Municipio ficticio,defender,,,killing,police:direct,"
                + "land-and-territory,,social-media:cannot-judge,verified,Synthetic imported case.\n";
        add(
                calls,
                "POST /api/imports/attacks",
                csv("/api/imports/attacks", registrar, header + row),
                csv("/api/imports/attacks", registrar, header + row.replace("killing", "nope")),
                csv("/api/imports/attacks", registrar, ""),
                csv("/api/imports/attacks?mode=some-rows", registrar, header + row));

        add(calls, "GET /api/federation/log/key", get("/api/federation/log/key", auditor));
        add(calls, "GET /api/federation/log/checkpoint", get("/api/federation/log/checkpoint", auditor));
        add(
                calls,
                "GET /api/federation/log/entries",
                get("/api/federation/log/entries?count=5", auditor),
                get("/api/federation/log/entries?count=0", auditor),
                get("/api/federation/log/entries?from=x", auditor));

        // The tiles and proofs answer from the latest checkpoint: before one is signed (a fresh node) they
        // refuse with federation.no-checkpoint, and their other answers are asked once one is (afterCheckpoint).
        String t = "/api/federation/log/";
        add(calls, "GET /api/federation/log/tiles/checkpoint", get(t + "tiles/checkpoint", auditor));
        add(calls, "GET /api/federation/log/tiles/tile/{rest}", get(t + "tiles/tile/0/x", auditor));
        add(calls, "GET /api/federation/log/proofs/inclusion", get(t + "proofs/inclusion?leaf=zz", auditor));
        add(calls, "GET /api/federation/log/proofs/consistency", get(t + "proofs/consistency?first=1", auditor));
        afterCheckpoint.addAll(List.of(
                get("GET /api/federation/log/tiles/checkpoint", t + "tiles/checkpoint", auditor),
                get("GET /api/federation/log/tiles/tile/{rest}", t + "tiles/tile/entries/000.p/1", auditor),
                get("GET /api/federation/log/tiles/tile/{rest}", t + "tiles/tile/0/x", auditor),
                get("GET /api/federation/log/tiles/tile/{rest}", t + "tiles/tile/0/999", auditor),
                get("GET /api/federation/log/proofs/inclusion", t + "proofs/inclusion?index=0", auditor),
                get("GET /api/federation/log/proofs/inclusion", t + "proofs/inclusion?index=999999999", auditor),
                get("GET /api/federation/log/proofs/inclusion", t + "proofs/inclusion?leaf=zz", auditor),
                get("GET /api/federation/log/proofs/inclusion", t + "proofs/inclusion?leaf=" + "0".repeat(64), auditor),
                get("GET /api/federation/log/proofs/consistency", t + "proofs/consistency?first=1", auditor),
                get("GET /api/federation/log/proofs/consistency", t + "proofs/consistency?first=999999999", auditor)));

        add(calls, "GET /api/vocabulary", get("/api/vocabulary", auditor));
        add(calls, "GET /api/vocabulary/{scheme}", get("/api/vocabulary/aggression-type", auditor));

        String p = "/api/admin/projections/";
        String unknownLetter = "/dead-letters/" + UUID.randomUUID();
        add(calls, "GET /api/admin/projections", get("/api/admin/projections", admin));
        add(calls, "GET /api/admin/projections/{name}", get(p + "cases", admin));
        add(
                calls,
                "POST /api/admin/projections/{name}/replay",
                json(p + "cases/replay", admin, null),
                json(p + "federation-log/replay", admin, null));
        List<Call> deadLetters = new ArrayList<>();
        List<Call> retryAll = new ArrayList<>();
        List<Call> retryOne = new ArrayList<>();
        List<Call> drop = new ArrayList<>();
        // Some read models park the events they fail on, others stop on them: both kinds are asked.
        for (JsonNode projection :
                ensureJson(get("GET /api/admin/projections", "/api/admin/projections", admin), 200)) {
            String name = projection.path("name").asText();
            deadLetters.add(get(p + name + "/dead-letters", admin));
            retryAll.add(json(p + name + "/dead-letters/retry", admin, null));
            retryOne.add(json(p + name + unknownLetter + "/retry", admin, null));
            drop.add(new Call(null, p + name + unknownLetter, admin, null, null));
        }
        add(calls, "GET /api/admin/projections/{name}/dead-letters", deadLetters.toArray(Call[]::new));
        add(calls, "POST /api/admin/projections/{name}/dead-letters/retry", retryAll.toArray(Call[]::new));
        add(calls, "POST /api/admin/projections/{name}/dead-letters/{id}/retry", retryOne.toArray(Call[]::new));
        add(calls, "DELETE /api/admin/projections/{name}/dead-letters/{id}", drop.toArray(Call[]::new));
        // The same valid bodies at an unknown address: the record is looked for only once the body reads.
        calls.forEach((op, list) -> {
            Call first = list.get(0);
            String template = op.substring(op.indexOf(' ') + 1);
            if (template.contains("{") && first.body() != null) {
                list.add(new Call(op, fill(template, "unknown"), first.role(), first.contentType(), first.body()));
            }
        });
        return calls;
    }

    private static void add(Map<String, List<Call>> calls, String op, Call... list) {
        List<Call> named = new ArrayList<>();
        for (Call c : list) {
            named.add(new Call(op, c.path(), c.role(), c.contentType(), c.body()));
        }
        calls.put(op, named);
    }

    private static Call get(String path, String role) {
        return new Call(null, path, role, null, null);
    }

    private static Call get(String op, String path, String role) {
        return new Call(op, path, role, null, null);
    }

    /** POST or PUT with a JSON body (none when null); the method is the operation's. */
    private static Call json(String path, String role, String body) {
        return new Call(
                null, path, role, body == null ? null : "application/json", body == null ? null : body.getBytes());
    }

    private static Call json(String op, String path, String role, String body) {
        return new Call(op, path, role, "application/json", body.getBytes());
    }

    private static Call csv(String path, String role, String body) {
        return new Call(null, path, role, "text/csv", body.getBytes());
    }

    private static Call call(String op, String role) {
        return new Call(op, op.substring(op.indexOf(' ') + 1), role, null, null);
    }

    /** A setup call: it must succeed, and its answer is checked against the document like any other. */
    private void ensure(Call call, int status) {
        HttpResponse<byte[]> response = check(call);
        assertThat(response.statusCode())
                .as("%s %s: %s", call.op(), call.path(), new String(response.body()))
                .isEqualTo(status);
    }

    private JsonNode ensureJson(Call call, int status) {
        HttpResponse<byte[]> response = check(call);
        assertThat(response.statusCode())
                .as("%s %s: %s", call.op(), call.path(), new String(response.body()))
                .isEqualTo(status);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the call and records whether its answer is one the document gives for its operation. */
    private HttpResponse<byte[]> check(Call call) {
        HttpResponse<byte[]> response = send(call);
        int status = response.statusCode();
        given.computeIfAbsent(call.op(), k -> new TreeSet<>()).add(status);
        String what = call.op() + " (" + call.path().replaceAll("\\?.*", "?…") + " as " + call.role() + ") answered "
                + status;
        JsonNode documented = operation(call.op()).path("responses").path(String.valueOf(status));
        if (documented.isMissingNode()) {
            undocumented.add(what + ": status not documented");
            return response;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
        JsonNode content = documented.path("content");
        if (type.isEmpty()) {
            if (response.body().length > 0 || content.size() > 0) {
                undocumented.add(what + " without a media type: documented " + content.fieldNames());
            }
            return response;
        }
        if (!content.has(type)) {
            undocumented.add(what + " as " + type + ": documented " + listed(content.fieldNames()));
            return response;
        }
        if (type.equals("application/problem+json")) {
            String code = parse(response.body()).path("code").asText();
            Set<String> codes = new TreeSet<>();
            Matcher found = CODE.matcher(documented.path("description").asText());
            while (found.find()) {
                codes.add(found.group(1));
            }
            if (!codes.contains(code)) {
                undocumented.add(what + " " + code + ": documented " + codes);
            }
        }
        return response;
    }

    private JsonNode operation(String key) {
        int space = key.indexOf(' ');
        return doc.path("paths")
                .path(key.substring(space + 1))
                .path(key.substring(0, space).toLowerCase());
    }

    private HttpResponse<byte[]> send(Call call) {
        String method = call.op().substring(0, call.op().indexOf(' '));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        call.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.role() != null) {
            request.header("Authorization", "Bearer " + TestUsers.token(node, call.role()));
        }
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(call.op() + " " + call.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The replays started here end before the next test class uses the shared node. */
    private void waitForReplays() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode projections =
                    parse(send(call("GET /api/admin/projections", "admin")).body());
            for (JsonNode projection : projections) {
                if (projection.path("replaying").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String listed(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list.toString();
    }
}
