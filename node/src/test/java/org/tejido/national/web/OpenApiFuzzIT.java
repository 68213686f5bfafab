package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.projections.ProjectionStatusView;
import org.tejido.platform.projections.Projections;
import org.tejido.platform.security.Role;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * A schema-driven HTTP fuzzer built from the node's own OpenAPI document (issue 20). For every
 * operation it finds in /v3/api-docs it sends valid requests, built from the schemas (vocabulary codes
 * from /api/vocabulary, ids of records it created itself, the token of a role allowed to call the
 * operation), and mutations of valid requests: a field dropped, nulled or of the wrong type, huge
 * strings, control characters, NUL, invalid UTF-8, unknown fields, out-of-range numbers, malformed
 * JSON, bad ids and {@code ; %2F ..} in path parameters, bad query values, wrong content types, a
 * missing, invalid or under-privileged token, a method the path does not have.
 *
 * <p>Every answer is checked: never a 5xx; every 4xx is an RFC 9457 problem detail with a stable
 * {@code code}; a refused request changes neither the event store nor any read model; and the marker
 * carried by every typed value never appears in any log line, refused or not.
 *
 * <p>The run is seeded ({@code -Dtejido.httpfuzz.seed}, fixed by default) and its length is
 * {@code -Dtejido.httpfuzz.requests} (small by default, for the suite; deploy/fuzz/http-fuzz.sh runs a
 * long one). A report per operation is written to {@code target/httpfuzz-report.txt}.
 */
@NodeIntegrationTest
class OpenApiFuzzIT {
    /** Stands for whatever a person typed: it must never reach the log. */
    static final String MARKER = "qzfuzzmk";

    static final long SEED = Long.getLong("tejido.httpfuzz.seed", 20L);
    static final int REQUESTS = Integer.getInteger("tejido.httpfuzz.requests", 200);
    static final Path REPORT = Path.of(System.getProperty("tejido.httpfuzz.report", "target/httpfuzz-report.txt"));

    static final String PROBLEM_JSON = "application/problem+json";
    /** Tables a refused request must leave as they were (those that exist on this node). */
    static final List<String> STATE_TABLES = List.of(
            "domainevententry",
            "snapshotevententry",
            "case_summary",
            "case_follow_up",
            "defender_summary",
            "consent_state",
            "consent_attack_defender",
            "access_log",
            "federation_entry",
            "federation_attack",
            "federation_defender_consent",
            "node_user",
            "deadletterentry");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_FAILURES_KEPT = 200;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Projections projections;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Random random;
    private JsonNode doc;
    private final Map<String, List<String>> codes = new LinkedHashMap<>();
    private final Map<String, String> subdivisionCountry = new LinkedHashMap<>();
    private final List<String> projectionNames = new ArrayList<>();
    private final List<String> defenders = new ArrayList<>();
    private final List<String> attacks = new ArrayList<>();
    private final List<String> followUps = new ArrayList<>();
    private final List<String> consentedDefenders = new ArrayList<>();
    private final List<String> consentedAttacks = new ArrayList<>();
    private final java.util.Set<String> erroredProjections = new java.util.TreeSet<>();
    private int refusedChecked;
    private Failed lastAccepted;
    private final AtomicInteger sequence = new AtomicInteger();
    private final String run =
            Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
    private String stateQuery;
    private boolean dirty = true;

    private final Map<String, Stats> stats = new TreeMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private final Map<String, Integer> echoes = new TreeMap<>();
    private final List<String> errorLines = new ArrayList<>();
    private int sent;

    @BeforeEach
    void captureTheLog() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logged);
        logged.stop();
    }

    // ---------------------------------------------------------------------------------------------
    // The run
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyOperationOfTheOpenApiDocumentAnswersFuzzedRequestsWithProblemsAndNoTrace() throws IOException {
        random = new Random(SEED);
        long started = System.nanoTime();
        HttpResponse<byte[]> docResponse = send(new Req("GET", "/v3/api-docs", Map.of(), null, "setup"));
        assertThat(docResponse.statusCode())
                .as("the OpenAPI document, without a token")
                .isEqualTo(200);
        doc = JSON.readTree(docResponse.body());
        loadVocabulary();
        loadProjections();
        stateQuery = stateQuery();

        List<Op> ops = operations();
        assertThat(ops).as("operations in the OpenAPI document").isNotEmpty();
        for (Op op : ops) {
            probeRoles(op);
        }
        regressions(ops);
        for (int i = 0; i < REQUESTS; i++) {
            Op op = ops.get(i % ops.size());
            // A valid request and a mutated one for every operation first, then a third valid at random.
            boolean valid = i < ops.size() || (i >= 2 * ops.size() && random.nextInt(3) == 0);
            Plan plan = validPlan(op);
            if (valid) {
                exchange(op, plan.render(), "valid");
            } else {
                Mutation mutation = mutation(op, plan);
                exchange(op, mutation.request, mutation.name);
            }
        }
        List<String> stopped = waitForProjections();
        if (!stopped.isEmpty()) {
            fail(
                    null,
                    lastAccepted.request,
                    "after the run",
                    0,
                    "",
                    "projections in error: " + stopped,
                    "projection-error");
        }
        checkLog(null, "after the run");
        double seconds = (System.nanoTime() - started) / 1e9;
        String report = report(ops, seconds);
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, report);
        System.out.println(report);

        assertThat(failures.values())
                .as("fuzzing failures (seed " + SEED + "); report in " + REPORT.toAbsolutePath() + "\n"
                        + String.join(
                                "\n\n",
                                failures.values().stream()
                                        .limit(30)
                                        .map(Failure::toString)
                                        .toList()))
                .isEmpty();
        for (Op op : ops) {
            Stats s = stats.get(op.key());
            assertThat(s.validSent).as(op.key() + ": valid requests sent").isPositive();
            if (REQUESTS >= ops.size() * 2) {
                assertThat(s.mutatedSent)
                        .as(op.key() + ": mutated requests sent")
                        .isPositive();
            }
        }
    }

    /** Sends one request and checks its answer; a failure is recorded with the request that caused it. */
    private int exchange(Op op, Req request, String kind) {
        if (dirty) {
            List<String> stopped = waitForProjections();
            if (!stopped.isEmpty() && lastAccepted != null) {
                fail(
                        lastAccepted.op,
                        lastAccepted.request,
                        lastAccepted.kind,
                        lastAccepted.status,
                        lastAccepted.body,
                        "projections stopped in error after this accepted request: " + stopped,
                        "projection-error");
            }
        }
        List<Long> before = state();
        HttpResponse<byte[]> response;
        try {
            response = send(request);
        } catch (UncheckedIOException e) {
            fail(op, request, kind, -1, "", "no answer: " + e.getCause(), "io");
            dirty = true;
            return -1;
        }
        sent++;
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        Stats s = stats.computeIfAbsent(op.key(), k -> new Stats());
        s.count(kind, status, body);

        if (status >= 500) {
            fail(op, request, kind, status, body, "a 5xx", "5xx");
        }
        if (status >= 400) {
            problemCheck(op, request, kind, status, contentType, body);
        }
        if (body.toLowerCase(Locale.ROOT).contains(MARKER)) {
            echoes.merge(op.key() + " " + status + " " + problemCode(body), 1, Integer::sum);
        }
        if (status >= 200 && status < 300) {
            lastAccepted = new Failed(op, request, kind, status, body);
            learn(op, request, body);
            dirty = true;
        } else {
            List<Long> after = state();
            refusedChecked++;
            if (!after.equals(before)) {
                // Give anything in flight a moment, then look again: a refused request must have changed nothing.
                waitForProjections();
                List<Long> settled = state();
                if (!settled.equals(before)) {
                    fail(
                            op,
                            request,
                            kind,
                            status,
                            body,
                            "state changed by a refused request: " + diff(before, settled),
                            "state");
                }
                dirty = true;
            } else {
                dirty = false;
            }
        }
        checkLog(new Failed(op, request, kind, status, body), null);
        return status;
    }

    private void problemCheck(Op op, Req request, String kind, int status, String contentType, String body) {
        if (op.isCsvImport() && status == 422 && contentType.startsWith("application/json")) {
            // Documented exception (docs/import-format.md): a refused all-or-nothing import answers
            // its row report. It must be that report, and nothing may have been imported.
            JsonNode report = parse(body);
            if (report == null || !report.has("rejected")) {
                fail(op, request, kind, status, body, "a 422 import answer that is not the row report", "import-422");
            }
            return;
        }
        if (!contentType.startsWith(PROBLEM_JSON)) {
            fail(
                    op,
                    request,
                    kind,
                    status,
                    body,
                    "an error that is not a problem detail: " + contentType,
                    "not-problem");
            return;
        }
        JsonNode problem = parse(body);
        if (problem == null) {
            fail(op, request, kind, status, body, "a problem detail that is not JSON", "not-json");
            return;
        }
        if (problem.path("code").asText().isBlank()) {
            fail(op, request, kind, status, body, "a problem detail without a code", "no-code");
        }
        if (problem.path("title").asText().isBlank()
                || problem.path("detail").asText().isBlank()) {
            fail(op, request, kind, status, body, "a problem detail without a sentence", "no-sentence");
        }
        if (problem.path("status").asInt() != status) {
            fail(op, request, kind, status, body, "a problem detail whose status is not the answer's", "status");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The OpenAPI document
    // ---------------------------------------------------------------------------------------------

    /** One operation: method, path template and its OpenAPI description. */
    static final class Op {
        final String method;
        final String path;
        final JsonNode spec;
        /** The first role allowed to call it (null: none, so it is sent without a token). */
        String role;
        /** Roles refused by security. */
        final List<String> refused = new ArrayList<>();

        Op(String method, String path, JsonNode spec) {
            this.method = method;
            this.path = path;
            this.spec = spec;
        }

        String key() {
            return method + " " + path;
        }

        boolean isCsvImport() {
            return spec.path("requestBody").path("content").has("text/csv");
        }
    }

    private List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
                if (path.getValue().has(method)) {
                    ops.add(new Op(
                            method.toUpperCase(Locale.ROOT),
                            path.getKey(),
                            path.getValue().get(method)));
                }
            }
        }
        ops.sort((a, b) -> a.key().compareTo(b.key()));
        return ops;
    }

    private JsonNode resolve(JsonNode schema) {
        int depth = 0;
        while (schema != null && depth++ < 20) {
            if (schema.has("$ref")) {
                schema = doc.at(schema.get("$ref").asText().substring(1));
            } else if (schema.has("oneOf") && schema.get("oneOf").size() == 2) {
                // A field that may be null ({"oneOf": [{"$ref": ...}, {"type": "null"}]}): valid means present.
                schema = schema.get("oneOf").get(0);
            } else {
                break;
            }
        }
        return schema == null ? NullNode.getInstance() : schema;
    }

    /** The schema's type; of a field that may be null ({"type": ["string", "null"]}), the other one. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText("");
    }

    /**
     * Which roles get past security (anything but 401 or 403) for this operation, each asked once
     * with its path parameters and no body; the answers are checked like every other.
     */
    private void probeRoles(Op op) {
        Map<String, String> pathParams = new LinkedHashMap<>();
        for (JsonNode p : op.spec.path("parameters")) {
            if ("path".equals(p.path("in").asText())) {
                pathParams.put(
                        p.path("name").asText(),
                        validPathParam(op, p.path("name").asText()));
            }
        }
        for (Role role : List.of(Role.REGISTRAR, Role.COORDINATOR, Role.ADMIN, Role.AUDITOR, Role.ANALYST)) {
            Req probe = new Req(op.method, expand(op.path, pathParams), auth(role.code()), null, "probe");
            int status = exchange(op, probe, "probe");
            if (status == 401 || status == 403) {
                op.refused.add(role.code());
            } else if (op.role == null) {
                op.role = role.code();
            }
        }
    }

    /**
     * Findings of earlier runs, fixed, sent every time: a refusal whose exception message quoted the
     * typed value (logged by Axon's repository when an aggregate could not be created), and ids in the
     * address that were sent on to Axon, which logged them when it could not load the aggregate.
     */
    private void regressions(List<Op> ops) {
        for (Op op : ops) {
            Plan plan = validPlan(op);
            String nul = MARKER + "\u0000" + MARKER;
            switch (op.key()) {
                // A NUL in a note or summary was accepted, then stopped the projection copying it.
                case "POST /api/attacks/{attackId}/follow-ups", "POST /api/follow-ups/{followUpId}/status-changes" -> {
                    Plan withNul = validPlan(op);
                    ((ObjectNode) withNul.json).put("note", nul);
                    expect(op, withNul, 422);
                }
                case "POST /api/attacks" -> {
                    // A NUL in a defender's code reached PostgreSQL in a lookup: a 500.
                    Plan withNul = validPlan(op);
                    ((ObjectNode) withNul.json.path("facts").path("target"))
                            .putArray("defenders")
                            .add(nul);
                    expect(op, withNul, 422);
                }
                case "PUT /api/attacks/{attackId}/sharing-summary" -> {
                    ((ObjectNode) plan.json).put("summary", nul);
                    expect(op, plan, 422);
                    continue;
                }
                case "PUT /api/attacks/{attackId}/consent", "PUT /api/defenders/{code}/consent" -> {
                    ((ObjectNode) plan.json).put("scope", "public").put("publicName", nul);
                    expect(op, plan, 422);
                    continue;
                }
                default -> {}
            }
            switch (op.key()) {
                case "POST /api/defenders" -> ((ObjectNode) plan.json).put("code", MARKER);
                case "POST /api/attacks/{attackId}/corrections",
                        "POST /api/attacks/{attackId}/reclassifications",
                        "POST /api/attacks/{attackId}/follow-ups" -> plan.pathParams.put("attackId", MARKER);
                case "POST /api/follow-ups/{followUpId}/status-changes" ->
                    plan.pathParams.put("followUpId", MARKER + "-" + UUID.randomUUID());
                default -> {
                    continue;
                }
            }
            exchange(op, plan.render(), "regression");
        }
    }

    private void expect(Op op, Plan plan, int status) {
        Req request = plan.render();
        int answered = exchange(op, request, "regression");
        if (answered != status) {
            fail(op, request, "regression", answered, "", "expected " + status + ", got " + answered, "regression");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Valid requests
    // ---------------------------------------------------------------------------------------------

    /** A valid request, before rendering: the parts the mutations change. */
    final class Plan {
        final Op op;
        final Map<String, String> pathParams = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        String contentType;
        JsonNode json;
        String text;
        String authorization;

        Plan(Op op) {
            this.op = op;
        }

        Req render() {
            return render(Function.identity());
        }

        Req render(Function<byte[], byte[]> bodyBytes) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (authorization != null) {
                headers.put("Authorization", authorization);
            }
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            byte[] body = json != null
                    ? json.toString().getBytes(StandardCharsets.UTF_8)
                    : text != null ? text.getBytes(StandardCharsets.UTF_8) : null;
            if (body != null) {
                body = bodyBytes.apply(body);
            }
            return new Req(op.method, target(), headers, body, null);
        }

        String target() {
            StringBuilder target = new StringBuilder(expand(op.path, pathParams));
            char separator = '?';
            for (Map.Entry<String, String> q : query.entrySet()) {
                target.append(separator).append(q.getKey()).append('=').append(q.getValue());
                separator = '&';
            }
            return target.toString();
        }
    }

    private Plan validPlan(Op op) {
        Plan plan = new Plan(op);
        Ctx ctx = new Ctx();
        for (JsonNode p : op.spec.path("parameters")) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            if ("path".equals(in)) {
                plan.pathParams.put(name, validPathParam(op, name));
                if ("code".equals(name) && plan.pathParams.get(name).length() > 2) {
                    ctx.country = plan.pathParams.get(name).substring(0, 2); // a defender's own country
                }
            } else if ("query".equals(in) && (p.path("required").asBoolean() || random.nextBoolean())) {
                String value = validQueryParam(name, resolve(p.path("schema")));
                if (value != null) {
                    plan.query.put(name, value);
                }
            }
        }
        JsonNode content = op.spec.path("requestBody").path("content");
        if (content.has("application/json")) {
            plan.contentType = "application/json";
            plan.json = value(resolve(content.get("application/json").path("schema")), "", ctx, 0);
        } else if (content.has("text/csv")) {
            plan.contentType = "text/csv";
            plan.text = csv();
        } else if (content.size() > 0) {
            plan.contentType = content.fieldNames().next();
            plan.text = "{}";
        }
        if (op.role != null) {
            plan.authorization = "Bearer " + TestUsers.token(node, op.role);
        }
        return plan;
    }

    /** Choices that fields of one request must agree on (country and subdivision, scope and details). */
    final class Ctx {
        private String country;
        private String targetKind;
        private String scope;
        private String grantorKind;

        String country() {
            if (country == null) {
                country = pick(codes.get("country"));
            }
            return country;
        }

        String targetKind() {
            if (targetKind == null) {
                targetKind = pick(codes.get("target-kind"));
            }
            return targetKind;
        }

        String scope() {
            if (scope == null) {
                scope = pick(codes.get("consent-scope"));
            }
            return scope;
        }

        String grantorKind() {
            if (grantorKind == null) {
                grantorKind = pick(codes.get("grantor-kind"));
            }
            return grantorKind;
        }
    }

    /** A value for this schema at this place (dotted property path), valid by the node's rules. */
    private JsonNode value(JsonNode schema, String path, Ctx ctx, int depth) {
        schema = resolve(schema);
        JsonNode hinted = hint(path, ctx);
        if (hinted != null) {
            return hinted;
        }
        String type = type(schema);
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 8) {
                    return object;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                schema.path("properties").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                    object.set(property.getKey(), value(property.getValue(), child, ctx, depth + 1));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int n = 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    array.add(value(schema.path("items"), path, ctx, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(min + 10);
                return NODES.numberNode(min + (long) random.nextInt((int) Math.min(100, max - min + 1)));
            }
            case "number" -> {
                return NODES.numberNode(random.nextInt(100) / 10.0);
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return TextNode.valueOf(string(schema.path("format").asText("")));
            }
        }
    }

    private String string(String format) {
        return switch (format) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> pastDate();
            case "date-time" -> "2031-0" + (1 + random.nextInt(9)) + "-15T10:00:00Z";
            default -> text();
        };
    }

    /**
     * What the node's rules need beyond the schema: vocabulary codes by field, ids of existing
     * records, dates in the past, fields that depend on each other. Null: generate from the schema.
     */
    private JsonNode hint(String path, Ctx ctx) {
        String[] parts = path.split("\\.");
        String last = parts[parts.length - 1];
        String parent = parts.length > 1 ? parts[parts.length - 2] : "";
        String pair = parent.isEmpty() ? last : parent + "." + last;
        switch (pair) {
            case "target.kind":
                return TextNode.valueOf(ctx.targetKind());
            case "target.relationship":
                return "close-person".equals(ctx.targetKind()) ? code("relationship") : NullNode.getInstance();
            case "target.defenders": {
                ArrayNode array = NODES.arrayNode();
                if (!defenders.isEmpty() && random.nextBoolean()) {
                    array.add(pick(defenders));
                }
                return array;
            }
            case "profile.kind":
                return code("defender-kind");
            case "sources.kind":
                return code("source-kind");
            case "sources.reliability":
                return code("source-reliability");
            case "grantor.kind":
                return TextNode.valueOf(ctx.grantorKind());
            case "grantor.name":
                return "representative".equals(ctx.grantorKind()) ? TextNode.valueOf(text()) : NullNode.getInstance();
            case "perpetrators.perpetrator":
                return code("perpetrator");
            case "perpetrators.involvement":
                return code("involvement");
            case "kind":
                return code("follow-up-kind");
            case "status":
                return code("follow-up-status");
            case "code":
                return TextNode.valueOf(ctx.country() + "-FZ-" + run + "-" + sequence.incrementAndGet());
            default:
                break;
        }
        return switch (last) {
            case "country" -> TextNode.valueOf(ctx.country());
            case "subdivision" -> random.nextBoolean() ? NullNode.getInstance() : TextNode.valueOf(subdivision(ctx));
            case "occurredOn" ->
                TextNode.valueOf(
                        switch (random.nextInt(3)) {
                            case 0 -> pastDate().substring(0, 4);
                            case 1 -> pastDate().substring(0, 7);
                            default -> pastDate();
                        });
            case "grantedOn", "startedOn" -> TextNode.valueOf(pastDate());
            case "expiresAt" ->
                random.nextBoolean()
                        ? NullNode.getInstance()
                        : TextNode.valueOf("2031-0" + (1 + random.nextInt(9)) + "-15T10:00:00Z");
            case "verificationStatus" -> code("verification-status");
            case "aggressionTypes" -> codes("aggression-type", 1, 3);
            case "rightsDefended" -> codes("right-defended", 0, 2);
            case "genderElements" -> codes("gender-element", 0, 2);
            case "scope" -> TextNode.valueOf(ctx.scope());
            case "basis" -> code("consent-basis");
            case "publicName", "publicSummary" ->
                "public".equals(ctx.scope()) ? TextNode.valueOf(text()) : NullNode.getInstance();
            case "contacts" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(text());
                }
                yield array;
            }
            case "narrative", "municipality", "reason", "note", "summary", "fullName", "exactAddress" ->
                TextNode.valueOf(text());
            default -> null;
        };
    }

    private String validPathParam(Op op, String name) {
        return switch (name) {
            case "code" ->
                op.path.endsWith("/erasure")
                        ? newDefender()
                        : op.path.endsWith("/consent/revocation") && !consentedDefenders.isEmpty()
                                ? pick(consentedDefenders)
                                : existing(defenders, this::newDefender);
            case "attackId" ->
                op.path.endsWith("/consent/revocation") && !consentedAttacks.isEmpty()
                        ? pick(consentedAttacks)
                        : existing(attacks, this::newAttack);
            case "followUpId" -> existing(followUps, this::newFollowUp);
            case "scheme" -> pick(new ArrayList<>(codes.keySet()));
            case "name" -> pick(projectionNames);
            default -> "x" + random.nextInt(1000);
        };
    }

    private String validQueryParam(String name, JsonNode schema) {
        String type = schema.path("type").asText("string");
        return switch (name) {
            case "type" -> pick(codes.get("aggression-type"));
            case "group" -> pick(codes.get("aggression-group"));
            case "subdivision" -> pick(codes.get("subdivision"));
            case "status" -> pick(codes.get("verification-status"));
            case "after" -> null; // a cursor is only ever a page's `next`; anything else is a mutation (400)
            case "size" -> String.valueOf(1 + random.nextInt(100));
            case "limit", "count" -> String.valueOf(1 + random.nextInt(1000));
            case "subjectKind" -> "defender";
            case "subjectId" -> defenders.isEmpty() ? "MX-X" : pick(defenders);
            case "reader" -> "it-coordinator";
            case "mode" -> random.nextBoolean() ? "all-or-nothing" : "valid-rows";
            case "from", "to" -> "integer".equals(type) ? String.valueOf(random.nextInt(5)) : pastDate();
            default ->
                switch (type) {
                    case "integer" -> String.valueOf(random.nextInt(10));
                    case "boolean" -> String.valueOf(random.nextBoolean());
                    default -> "x";
                };
        };
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("occurred_on,country,subdivision,municipality,target_kind,relationship,"
                + "defenders,aggression_types,perpetrators,rights_defended,gender_elements,sources,"
                + "verification_status,narrative\n");
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            Ctx ctx = new Ctx();
            String kind = ctx.targetKind();
            csv.append(String.join(
                            ",",
                            pastDate(),
                            ctx.country(),
                            random.nextBoolean() ? subdivision(ctx) : "",
                            text(),
                            kind,
                            "close-person".equals(kind) ? pick(codes.get("relationship")) : "",
                            "",
                            pick(codes.get("aggression-type")),
                            pick(codes.get("perpetrator")) + ":" + pick(codes.get("involvement")),
                            pick(codes.get("right-defended")),
                            "",
                            pick(codes.get("source-kind")) + ":" + pick(codes.get("source-reliability")),
                            pick(codes.get("verification-status")),
                            text()))
                    .append('\n');
        }
        return csv.toString();
    }

    private JsonNode code(String scheme) {
        return TextNode.valueOf(pick(codes.get(scheme)));
    }

    private JsonNode codes(String scheme, int min, int max) {
        ArrayNode array = NODES.arrayNode();
        for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
            array.add(pick(codes.get(scheme)));
        }
        return array;
    }

    private String subdivision(Ctx ctx) {
        List<String> inCountry = subdivisionCountry.entrySet().stream()
                .filter(e -> e.getValue().equals(ctx.country()))
                .map(Map.Entry::getKey)
                .toList();
        return inCountry.isEmpty() ? null : pick(inCountry);
    }

    private String text() {
        return "Fuzz " + MARKER + " " + sequence.incrementAndGet();
    }

    private String pastDate() {
        return LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3000)).toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ---------------------------------------------------------------------------------------------
    // Records the valid requests need (created through the API, as any client would)
    // ---------------------------------------------------------------------------------------------

    private String existing(List<String> pool, java.util.function.Supplier<String> create) {
        if (pool.isEmpty() || random.nextInt(8) == 0) {
            String created = create.get();
            if (created != null) {
                return created;
            }
        }
        return pool.isEmpty() ? UUID.randomUUID().toString() : pick(pool);
    }

    private String newDefender() {
        String country = pick(codes.get("country"));
        String code = country + "-FZ-" + run + "-" + sequence.incrementAndGet();
        String body = "{\"code\":\"" + code + "\",\"country\":\"" + country + "\",\"subdivision\":null,"
                + "\"profile\":{\"kind\":\"individual\",\"rightsDefended\":[\"land-and-territory\"]}}";
        JsonNode created = setup("POST", "/api/defenders", body);
        if (created == null) {
            return null;
        }
        defenders.add(code);
        return code;
    }

    private String newAttack() {
        String body = "{\"facts\":{\"target\":{\"kind\":\"defender\",\"relationship\":null,\"defenders\":[]},"
                + "\"occurredOn\":\"2024-03-15\",\"location\":{\"country\":\"MX\",\"subdivision\":\"MX-OAX\","
                + "\"municipality\":\"" + text() + "\"},\"sources\":[{\"kind\":\"direct-testimony\","
                + "\"reliability\":\"confirmed\"}],\"verificationStatus\":\"verified\",\"narrative\":\"" + text()
                + "\"},\"classification\":{\"aggressionTypes\":[\"death-threat\"],\"perpetrators\":[{\"perpetrator\":"
                + "\"police\",\"involvement\":\"direct\"}],\"rightsDefended\":[],\"genderElements\":[]}}";
        JsonNode created = setup("POST", "/api/attacks", body);
        if (created == null) {
            return null;
        }
        attacks.add(created.path("attackId").asText());
        return created.path("attackId").asText();
    }

    private String newFollowUp() {
        String attack = existing(attacks, this::newAttack);
        JsonNode created = setup(
                "POST",
                "/api/attacks/" + attack + "/follow-ups",
                "{\"kind\":\"accompaniment\",\"status\":\"requested\",\"startedOn\":\"2024-04-01\",\"note\":null}");
        if (created == null) {
            return null;
        }
        followUps.add(created.path("followUpId").asText());
        return created.path("followUpId").asText();
    }

    private JsonNode setup(String method, String path, String json) {
        Req req = new Req(
                method,
                path,
                Map.of(
                        "Authorization",
                        "Bearer " + TestUsers.token(node, "coordinator"),
                        "Content-Type",
                        "application/json"),
                json.getBytes(StandardCharsets.UTF_8),
                "setup");
        HttpResponse<byte[]> response = send(req);
        dirty = true;
        if (response.statusCode() / 100 != 2) {
            fail(
                    null,
                    req,
                    "setup",
                    response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8),
                    "a setup request was refused",
                    "setup");
            return null;
        }
        return parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** What a successful request created or removed, so later valid requests can name it. */
    private void learn(Op op, Req request, String body) {
        JsonNode answer = parse(body);
        if (answer != null && answer.isObject()) {
            if (answer.hasNonNull("attackId") && op.path.equals("/api/attacks")) {
                attacks.add(answer.get("attackId").asText());
            }
            if (answer.hasNonNull("followUpId")) {
                followUps.add(answer.get("followUpId").asText());
            }
            if (op.path.equals("/api/defenders") && answer.hasNonNull("code")) {
                defenders.add(answer.get("code").asText());
            }
        }
        if (op.path.endsWith("/erasure")) {
            defenders.removeIf(code -> request.target.contains("/" + code + "/"));
            consentedDefenders.removeIf(code -> request.target.contains("/" + code + "/"));
        }
        if (op.method.equals("PUT") && op.path.endsWith("/consent")) {
            String id = request.target.split("/")[3];
            (op.path.startsWith("/api/defenders") ? consentedDefenders : consentedAttacks).add(id);
        }
        if (op.path.endsWith("/consent/revocation")) {
            String id = request.target.split("/")[3];
            (op.path.startsWith("/api/defenders") ? consentedDefenders : consentedAttacks).remove(id);
        }
    }

    private void loadVocabulary() {
        HttpResponse<byte[]> response = send(new Req("GET", "/api/vocabulary", auth("registrar"), null, "setup"));
        JsonNode all = parse(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(all).as("the vocabulary").isNotNull();
        JsonNode schemes = all.path("schemes");
        for (JsonNode scheme : schemes) {
            String id = scheme.has("id")
                    ? scheme.get("id").asText()
                    : scheme.path("name").asText();
            List<String> active = new ArrayList<>();
            for (JsonNode term : scheme.path("terms")) {
                if (!term.path("retired").asBoolean(false)) {
                    active.add(term.path("code").asText());
                    if ("subdivision".equals(id)) {
                        subdivisionCountry.put(
                                term.path("code").asText(), term.path("group").asText());
                    }
                }
            }
            codes.put(id, active);
        }
        assertThat(codes).as("vocabulary schemes").containsKeys("country", "aggression-type", "consent-scope");
    }

    private void loadProjections() {
        for (ProjectionStatusView status : projections.statuses()) {
            projectionNames.add(status.name());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Mutations of valid requests
    // ---------------------------------------------------------------------------------------------

    record Mutation(String name, Req request) {}

    private Mutation mutation(Op op, Plan plan) {
        List<String> kinds = new ArrayList<>(
                List.of("auth-none", "auth-invalid", "auth-wrong-role", "auth-garbage", "method-unsupported"));
        if (!plan.pathParams.isEmpty()) {
            kinds.addAll(List.of("path-semicolon", "path-encoded-slash", "path-dot-dot", "path-bad-id", "path-bad-id"));
        }
        for (JsonNode p : op.spec.path("parameters")) {
            if ("query".equals(p.path("in").asText())) {
                kinds.addAll(List.of("query-bad-value", "query-bad-value", "query-unknown", "query-repeated"));
                break;
            }
        }
        if (plan.json != null) {
            kinds.addAll(List.of(
                    "body-drop-field",
                    "body-drop-field",
                    "body-null",
                    "body-null",
                    "body-wrong-type",
                    "body-wrong-type",
                    "body-huge-string",
                    "body-control-chars",
                    "body-nul",
                    "body-invalid-utf8",
                    "body-unknown-field",
                    "body-number-out-of-range",
                    "body-bad-code",
                    "body-bad-code",
                    "body-malformed",
                    "body-deep-nesting",
                    "body-duplicate-key",
                    "body-empty",
                    "body-not-an-object",
                    "content-type-wrong",
                    "content-type-wrong"));
        }
        if (plan.text != null) {
            kinds.addAll(List.of(
                    "csv-marker-cells",
                    "csv-nul",
                    "csv-invalid-utf8",
                    "csv-huge",
                    "csv-control-chars",
                    "csv-bad-code",
                    "csv-truncated",
                    "body-empty",
                    "content-type-wrong"));
        }
        String kind = pick(kinds);
        return new Mutation(kind, mutate(kind, op, plan));
    }

    private Req mutate(String kind, Op op, Plan plan) {
        switch (kind) {
            case "auth-none" -> plan.authorization = null;
            case "auth-invalid" ->
                plan.authorization = "Bearer " + UUID.randomUUID().toString().replace("-", "") + MARKER;
            case "auth-wrong-role" -> {
                String wrong = wrongRole(op);
                plan.authorization = wrong == null ? null : "Bearer " + TestUsers.token(node, wrong);
            }
            case "auth-garbage" ->
                plan.authorization = pick(List.of(
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString((MARKER + ":x").getBytes(StandardCharsets.UTF_8)),
                        "Bearer",
                        "Bearer " + MARKER + " " + MARKER,
                        "bearer " + MARKER,
                        "Token " + MARKER));
            case "method-unsupported" -> {
                Req req = plan.render();
                String other = pick(List.of("DELETE", "PATCH", "PUT", "POST", "GET"));
                if (doc.path("paths").path(op.path).has(other.toLowerCase(Locale.ROOT))) {
                    other = "PATCH";
                }
                return req.with(other);
            }
            case "path-semicolon" -> mutatePathParam(plan, v -> v + ";" + MARKER + "=1");
            case "path-encoded-slash" -> mutatePathParam(plan, v -> MARKER + "%2F..%2F" + v);
            case "path-dot-dot" ->
                mutatePathParam(
                        plan,
                        v -> pick(List.of("..", "%2e%2e", MARKER + "/..", "%2E%2E%2F" + MARKER, ".", MARKER + "/./x")));
            case "path-bad-id" ->
                mutatePathParam(
                        plan,
                        v -> pick(List.of(
                                MARKER,
                                MARKER + "-" + v,
                                v + MARKER,
                                MARKER + "%00",
                                MARKER + "%C3%28",
                                MARKER + "%C3%B1%E2%80%AE",
                                MARKER + "%20" + MARKER,
                                MARKER + "x".repeat(4000),
                                UUID.randomUUID().toString(),
                                v.toUpperCase(Locale.ROOT) + MARKER,
                                "%25" + MARKER,
                                // Not "MX-" + the marker in capitals: a well-formed defender code is an
                                // identifier, which the node may log.
                                MARKER + "%0A" + MARKER)));
            case "query-bad-value" -> {
                List<String> names = new ArrayList<>();
                for (JsonNode p : op.spec.path("parameters")) {
                    if ("query".equals(p.path("in").asText())) {
                        names.add(p.path("name").asText());
                    }
                }
                plan.query.put(
                        pick(names),
                        pick(List.of(
                                MARKER,
                                MARKER + "%00",
                                MARKER + "%C3%28",
                                "-1" + MARKER,
                                "-1",
                                "0",
                                "99999999999999999999",
                                "2147483648",
                                "1e400",
                                "2024-13-45" + MARKER,
                                "",
                                MARKER + "%2F..%2F",
                                MARKER + "%0D%0A" + MARKER,
                                MARKER.repeat(1000))));
            }
            case "query-unknown" -> plan.query.put("zz" + MARKER, MARKER);
            case "query-repeated" -> {
                if (!plan.query.isEmpty()) {
                    String first = plan.query.keySet().iterator().next();
                    plan.query.put(first, plan.query.get(first) + "&" + first + "=" + MARKER);
                } else {
                    plan.query.put("zz", MARKER + "&zz=" + MARKER);
                }
            }
            case "body-drop-field" -> {
                ObjectNode holder = randomObject(plan.json);
                if (holder != null && holder.size() > 0) {
                    holder.remove(pick(fieldNames(holder)));
                }
            }
            case "body-null" -> {
                ObjectNode holder = randomObject(plan.json);
                if (holder != null && holder.size() > 0) {
                    holder.putNull(pick(fieldNames(holder)));
                } else {
                    plan.json = NullNode.getInstance();
                }
            }
            case "body-wrong-type" ->
                setRandomField(
                        plan,
                        pick(List.<JsonNode>of(
                                NODES.numberNode(12345),
                                NODES.booleanNode(true),
                                NODES.arrayNode().add(MARKER),
                                NODES.objectNode().put(MARKER, MARKER),
                                TextNode.valueOf(MARKER),
                                NODES.numberNode(1.5),
                                NODES.arrayNode().add(NODES.arrayNode().add(MARKER)))));
            case "body-huge-string" ->
                setRandomField(plan, TextNode.valueOf(MARKER + "A".repeat(100_000 + random.nextInt(200_000)) + MARKER));
            case "body-control-chars" ->
                setRandomField(
                        plan,
                        TextNode.valueOf(MARKER + "\u0001\u0007\u001b[2J\r\n\t\u2028\u202e\u200b\ufeff" + MARKER));
            case "body-nul" -> setRandomField(plan, TextNode.valueOf(MARKER + "\u0000" + MARKER));
            case "body-invalid-utf8" -> {
                setRandomField(plan, TextNode.valueOf(MARKER + "@@BADUTF8@@"));
                return plan.render(bytes -> replace(
                        bytes,
                        "@@BADUTF8@@",
                        pick(List.of(
                                new byte[] {(byte) 0xC3, (byte) 0x28},
                                new byte[] {(byte) 0xFF, (byte) 0xFE},
                                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                                new byte[] {(byte) 0xC0, (byte) 0xAF},
                                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))));
            }
            case "body-unknown-field" -> {
                ObjectNode holder = randomObject(plan.json);
                if (holder != null) {
                    holder.put("zz" + MARKER, MARKER);
                }
            }
            case "body-number-out-of-range" -> {
                setRandomField(plan, TextNode.valueOf("@@NUMBER@@"));
                String number = pick(List.of(
                        "1e400",
                        "-1e400",
                        "99999999999999999999999999",
                        "-2147483649",
                        "9223372036854775808",
                        "1" + "0".repeat(5000),
                        "-0",
                        "NaN",
                        "0x10",
                        "1." + MARKER.length()));
                return plan.render(bytes -> replace(bytes, "\"@@NUMBER@@\"", number.getBytes(StandardCharsets.UTF_8)));
            }
            case "body-bad-code" ->
                setRandomField(
                        plan,
                        TextNode.valueOf(pick(List.of(
                                MARKER,
                                MARKER + "-not-a-uuid",
                                "MX-" + MARKER,
                                MARKER.toUpperCase(Locale.ROOT),
                                " " + MARKER + " ",
                                "",
                                "   ",
                                "2024-02-30" + MARKER,
                                "9999-12-31",
                                "2024-02-30",
                                "0000-01-01",
                                "+2024-01-01",
                                "death-threat " + MARKER))));
            case "body-malformed" -> {
                int variant = random.nextInt(6);
                return plan.render(bytes -> switch (variant) {
                    case 0 -> java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length / 2));
                    case 1 -> concat(bytes, ("{\"" + MARKER + "\"}").getBytes(StandardCharsets.UTF_8));
                    case 2 -> ("{\"" + MARKER + "\":").getBytes(StandardCharsets.UTF_8);
                    case 3 -> ("{'" + MARKER + "': 1}").getBytes(StandardCharsets.UTF_8);
                    case 4 -> ("/* " + MARKER + " */").getBytes(StandardCharsets.UTF_8);
                    default -> ("{\"a\":\"" + MARKER + "\\uZZZZ\"}").getBytes(StandardCharsets.UTF_8);
                });
            }
            case "body-deep-nesting" -> {
                int depth = pick(List.of(600, 1200, 5000, 50_000));
                String name = plan.json.isObject() && plan.json.size() > 0
                        ? plan.json.fieldNames().next()
                        : "facts";
                plan.json = null;
                plan.text = "{\"" + name + "\":" + "[".repeat(depth) + "\"" + MARKER + "\"" + "]".repeat(depth) + "}";
            }
            case "body-duplicate-key" -> {
                if (plan.json.isObject() && plan.json.size() > 0) {
                    String first = plan.json.fieldNames().next();
                    String rendered = plan.json.toString();
                    plan.json = null;
                    plan.text = "{\"" + first + "\":\"" + MARKER + "\"," + rendered.substring(1);
                }
            }
            case "body-empty" -> {
                plan.json = null;
                plan.text = "";
            }
            case "body-not-an-object" ->
                plan.json = pick(List.<JsonNode>of(
                        NODES.arrayNode().add(MARKER),
                        TextNode.valueOf(MARKER),
                        NODES.numberNode(42),
                        NullNode.getInstance()));
            case "content-type-wrong" ->
                plan.contentType = pick(java.util.Arrays.asList(
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=" + MARKER,
                        "application/octet-stream",
                        "text/csv",
                        "application/json",
                        "application/json; charset=" + MARKER,
                        "application/" + MARKER,
                        MARKER,
                        null));
            case "csv-marker-cells" -> plan.text = plan.text.replaceAll(",(?=[a-z])", "," + MARKER);
            case "csv-nul" -> plan.text = plan.text.replace("Fuzz ", "Fuzz \u0000" + MARKER);
            case "csv-invalid-utf8" -> {
                plan.text = plan.text.replace("Fuzz ", "Fuzz @@BADUTF8@@");
                return plan.render(bytes -> replace(bytes, "@@BADUTF8@@", new byte[] {(byte) 0xC3, (byte) 0x28}));
            }
            case "csv-huge" -> plan.text = plan.text.replace("Fuzz ", "Fuzz " + MARKER.repeat(20_000));
            case "csv-control-chars" -> plan.text = plan.text.replace("Fuzz ", "\"Fuzz \r\u0001\u001b" + MARKER + "\"");
            case "csv-bad-code" ->
                plan.text = plan.text.replace("MX,", MARKER + ",").replace("GT,", "G" + MARKER + ",");
            case "csv-truncated" -> plan.text = plan.text.substring(0, plan.text.length() / 2) + "\"" + MARKER;
            default -> throw new IllegalStateException(kind);
        }
        return plan.render();
    }

    private String wrongRole(Op op) {
        return op.refused.isEmpty() ? null : pick(op.refused);
    }

    private void mutatePathParam(Plan plan, Function<String, String> change) {
        String name = pick(new ArrayList<>(plan.pathParams.keySet()));
        plan.pathParams.put(name, change.apply(plan.pathParams.get(name)));
    }

    private void setRandomField(Plan plan, JsonNode value) {
        ObjectNode holder = randomObject(plan.json);
        if (holder == null || holder.size() == 0) {
            plan.json = value;
            return;
        }
        String field = pick(fieldNames(holder));
        JsonNode current = holder.get(field);
        if (current.isArray() && current.size() > 0 && random.nextBoolean()) {
            ((ArrayNode) current).set(random.nextInt(current.size()), value);
        } else {
            holder.set(field, value);
        }
    }

    /** A random object node of the tree (the root included), or null if there is none. */
    private ObjectNode randomObject(JsonNode tree) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(tree, objects);
        return objects.isEmpty() ? null : pick(objects);
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            into.add((ObjectNode) node);
        }
        for (JsonNode child : node) {
            collect(child, into);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] replace(byte[] bytes, String sentinel, byte[] with) {
        byte[] target = sentinel.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; ) {
            if (i + target.length <= bytes.length
                    && java.util.Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
                out.writeBytes(with);
                i += target.length;
            } else {
                out.write(bytes[i++]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP
    // ---------------------------------------------------------------------------------------------

    /** One request as sent: method, target (path and query, already encoded), headers and body bytes. */
    record Req(String method, String target, Map<String, String> headers, byte[] body, String label) {
        Req with(String otherMethod) {
            return new Req(otherMethod, target, headers, body, label);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(method).append(' ').append(abbreviate(target, 300));
            headers.forEach((k, v) ->
                    s.append("\n  ").append(k).append(": ").append(k.equals("Authorization") ? redactToken(v) : v));
            if (body != null) {
                s.append("\n  body (").append(body.length).append(" bytes): ").append(abbreviate(printable(body), 600));
            }
            return s.toString();
        }
    }

    private Map<String, String> auth(String role) {
        return Map.of("Authorization", "Bearer " + TestUsers.token(node, role));
    }

    private HttpResponse<byte[]> send(Req req) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + req.target))
                .timeout(Duration.ofSeconds(60))
                .header("Accept-Language", random == null || random.nextBoolean() ? "es" : "en");
        req.headers.forEach(builder::header);
        builder.method(
                req.method,
                req.body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(req.body));
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String expand(String template, Map<String, String> params) {
        String path = template;
        for (Map.Entry<String, String> p : params.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        return path;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String problemCode(String body) {
        JsonNode problem = parse(body);
        return problem == null ? "-" : problem.path("code").asText("-");
    }

    static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\ufffd' || (c >= 0x2028 && c <= 0x202e)) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    static String redactToken(String authorization) {
        return authorization.length() > 16 ? authorization.substring(0, 14) + "..." : authorization;
    }

    // ---------------------------------------------------------------------------------------------
    // State, log and findings
    // ---------------------------------------------------------------------------------------------

    private String stateQuery() {
        List<String> present = new ArrayList<>();
        for (String table : STATE_TABLES) {
            Integer n = jdbc.queryForObject(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", Integer.class, table);
            if (n != null && n > 0) {
                present.add(table);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < present.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(SELECT count(*) FROM ")
                    .append(present.get(i))
                    .append(") AS ")
                    .append(present.get(i));
        }
        return sql.toString();
    }

    private List<Long> state() {
        return jdbc.query(stateQuery, rs -> {
            rs.next();
            List<Long> counts = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                counts.add(rs.getLong(i));
            }
            return counts;
        });
    }

    private String diff(List<Long> before, List<Long> after) {
        List<String> names =
                List.of(stateQuery.replaceAll(".*?AS (\\w+)", "$1 ").trim().split("\\s+"));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                s.append(i < names.size() ? names.get(i) : "#" + i)
                        .append(' ')
                        .append(before.get(i))
                        .append("->")
                        .append(after.get(i))
                        .append("; ");
            }
        }
        return s.toString();
    }

    /** Until every projection has handled every event and none is replaying (at most 20 s). */
    /**
     * Until every projection has handled every event and none is replaying (at most 20 s); a projection
     * in error is not waited for (it retries with back-off, for good on a poison event). Returns the
     * projections newly found in error.
     */
    private List<String> waitForProjections() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> stopped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            List<ProjectionStatusView> statuses = projections.statuses();
            for (ProjectionStatusView p : statuses) {
                if (p.error() && erroredProjections.add(p.name())) {
                    stopped.add(p.name());
                }
            }
            boolean idle = statuses.stream()
                    .filter(p -> !erroredProjections.contains(p.name()))
                    .allMatch(p -> p.lag() == 0 && !p.replaying());
            if (idle) {
                return stopped;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stopped;
            }
        }
        return stopped;
    }

    record Failed(Op op, Req request, String kind, int status, String body) {}

    /** Any line logged so far that carries the marker is a finding, charged to this request. */
    private void checkLog(Failed current, String when) {
        List<String> leaks = new ArrayList<>();
        synchronized (logged) { // ListAppender appends under the appender's lock, not the list's
            for (ILoggingEvent event : logged.list) {
                String line = line(event);
                if (line.toLowerCase(Locale.ROOT).contains(MARKER)) {
                    leaks.add(abbreviate(line, 400));
                }
                if (event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR) && errorLines.size() < 50) {
                    errorLines.add(abbreviate(line, 300));
                }
            }
            logged.list.clear();
        }
        if (!leaks.isEmpty()) {
            if (current != null) {
                fail(
                        current.op,
                        current.request,
                        current.kind,
                        current.status,
                        current.body,
                        "a typed value reached the log: " + leaks,
                        "log-leak");
            } else {
                fail(
                        null,
                        new Req("-", "-", Map.of(), null, when),
                        when,
                        0,
                        "",
                        "a typed value reached the log: " + leaks,
                        "log-leak");
            }
        }
    }

    private static String line(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel().toString())
                .append(' ')
                .append(event.getLoggerName())
                .append(' ')
                .append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (IThrowableProxy suppressed : t.getSuppressed()) {
                line.append(" | ")
                        .append(suppressed.getClassName())
                        .append(": ")
                        .append(suppressed.getMessage());
            }
        }
        return line.toString();
    }

    /** One kind of failure (operation, mutation, status, what): the first request that showed it, and a count. */
    static final class Failure {
        final String what;
        final String request;
        final String answer;
        int times = 1;

        Failure(String what, String request, String answer) {
            this.what = what;
            this.request = request;
            this.answer = answer;
        }

        @Override
        public String toString() {
            return "FAIL x" + times + ": " + what + "\n  request: " + request + "\n  answer: " + answer;
        }
    }

    private void fail(Op op, Req request, String kind, int status, String body, String what, String category) {
        String key = (op == null ? "-" : op.key()) + " | " + kind + " | " + status + " | " + category + " | "
                + problemCode(body);
        Failure known = failures.get(key);
        if (known != null) {
            known.times++;
            return;
        }
        if (failures.size() < MAX_FAILURES_KEPT) {
            failures.put(
                    key,
                    new Failure(
                            (op == null ? "" : op.key() + " [" + kind + "] ") + what,
                            request.toString(),
                            status + " " + abbreviate(body.replace("\n", "\\n"), 600)));
        }
    }

    /** Per operation: requests sent by kind, answers by status and code. */
    static final class Stats {
        int validSent;
        int validOk;
        int mutatedSent;
        final Map<String, Integer> answers = new TreeMap<>();

        void count(String kind, int status, String body) {
            if ("valid".equals(kind)) {
                validSent++;
                if (status / 100 == 2) {
                    validOk++;
                }
            } else {
                mutatedSent++;
            }
            String code = status / 100 == 2 ? "" : " " + problemCode(body);
            answers.merge(("valid".equals(kind) ? "valid " : "mutated ") + status + code, 1, Integer::sum);
        }
    }

    private String report(List<Op> ops, double seconds) {
        StringBuilder r = new StringBuilder();
        r.append("HTTP fuzzing report\n")
                .append("seed ")
                .append(SEED)
                .append(", requests asked ")
                .append(REQUESTS)
                .append(", requests sent ")
                .append(sent)
                .append(", operations ")
                .append(ops.size())
                .append(", ")
                .append(String.format(Locale.ROOT, "%.1f", seconds))
                .append(" s, refused requests checked for state changes ")
                .append(refusedChecked)
                .append("\n\n");
        r.append(String.format(
                Locale.ROOT, "%-58s %-12s %6s %8s %8s%n", "operation", "role", "valid", "valid2xx", "mutated"));
        for (Op op : ops) {
            Stats s = stats.getOrDefault(op.key(), new Stats());
            r.append(String.format(
                    Locale.ROOT,
                    "%-58s %-12s %6d %8d %8d%n",
                    op.key(),
                    op.role == null ? "(public)" : op.role,
                    s.validSent,
                    s.validOk,
                    s.mutatedSent));
        }
        r.append("\nanswers per operation:\n");
        for (Op op : ops) {
            Stats s = stats.getOrDefault(op.key(), new Stats());
            r.append(op.key()).append('\n');
            s.answers.forEach(
                    (k, v) -> r.append("    ").append(k).append(": ").append(v).append('\n'));
        }
        r.append("\nanswers quoting the marker (operation status code: count):\n");
        echoes.forEach(
                (k, v) -> r.append("    ").append(k).append(": ").append(v).append('\n'));
        r.append("\nERROR log lines (first 50):\n");
        errorLines.forEach(l -> r.append("    ").append(l).append('\n'));
        r.append("\nfailures: ").append(failures.size()).append(" kinds\n");
        failures.values().forEach(f -> r.append(f).append("\n\n"));
        StringBuilder clean = new StringBuilder();
        r.chars()
                .forEach(c -> clean.append(
                        (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x2028 && c <= 0x202e)
                                ? String.format("\\u%04x", c)
                                : String.valueOf((char) c)));
        return clean.toString();
    }
}
