package org.tejido.platform.problem;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The refusals of the OpenAPI document: every 4xx and 5xx response is an {@code application/problem+json}
 * {@code Problem} listing the codes it may carry, each with an example whose title and sentence come
 * from {@code messages.properties}, so that a client can switch on {@code code} (ADR 0005).
 *
 * <p>Controllers declare the refusals of their own operation ({@code @ApiResponse(responseCode = "404",
 * description = "... `attack.not-found`")}); the ones every operation of a kind can give are added
 * here, where they are raised: a query that is not text ({@code QueryCheck}) or a path the firewall
 * refuses (400), a body that is not JSON, has an unknown field or is too large (400, 413, 415),
 * parameters of the wrong type (400), the database out of reach (503).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDocumentation implements OpenApiCustomizer {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String SCHEMA = "Problem";
    /** A code as written in a response's description: {@code `attack.not-found`}. */
    private static final Pattern CODE = Pattern.compile("`([a-z0-9-]+(?:\\.[a-z0-9-]+)+)`");
    /** Stands for the arguments of a sentence (an identifier, a field's name) in the examples. */
    private static final Object[] ARGUMENTS = {"…", "…", "…"};

    private final MessageSource messages;

    ProblemDocumentation(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(SCHEMA, schema());
        for (PathItem path : openApi.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                common(operation);
                operation.getResponses().forEach((status, response) -> {
                    if (Integer.parseInt(status) >= 400 && !isJsonReport(response)) {
                        describe(response, Integer.parseInt(status));
                    }
                });
            }
        }
    }

    /**
     * Adds a problem response with these codes to an operation, or the codes to the one it has.
     * Security uses it for 401 and 403.
     */
    public void add(Operation operation, HttpStatus status, String description, String... codes) {
        ApiResponses responses = operation.getResponses();
        String key = String.valueOf(status.value());
        ApiResponse existing = responses.get(key);
        if (existing == null) {
            responses.addApiResponse(key, describe(new ApiResponse().description(description), status.value(), codes));
        } else {
            describe(existing, status.value(), codes);
        }
    }

    private void common(Operation operation) {
        List<String> bad =
                new ArrayList<>(List.of("request.invalid-query", "request.unknown-parameter", "request.rejected"));
        if (operation.getRequestBody() != null) {
            bad.addAll(List.of("request.malformed", "request.unknown-field"));
            add(
                    operation,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The body is larger than the node accepts.",
                    "request.too-large");
            add(
                    operation,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The body is not of the media type the operation reads.",
                    "http.415");
        }
        if (hasTypedParameter(operation)) {
            bad.add("request.invalid-parameter");
        }
        add(operation, HttpStatus.BAD_REQUEST, "The request cannot be read.", bad.toArray(String[]::new));
        add(
                operation,
                HttpStatus.SERVICE_UNAVAILABLE,
                "The database is out of reach or busy; nothing was written. Try again after `Retry-After` seconds.",
                "store.unavailable",
                "store.transaction-too-long");
    }

    /** A parameter that is not free text: a value of the wrong type is refused before the operation runs. */
    private static boolean hasTypedParameter(Operation operation) {
        if (operation.getParameters() == null) {
            return false;
        }
        for (Parameter parameter : operation.getParameters()) {
            Schema<?> schema = parameter.getSchema();
            String type = schema == null ? null : schema.getType();
            if (type == null && schema != null && schema.getTypes() != null) {
                type = schema.getTypes().iterator().next();
            }
            if ((type != null && !type.equals("string")) || (schema != null && schema.getFormat() != null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A refusal that names no code is not a problem but a report of its own (the import's 422, declared
     * with its schema by the controller): left as it is. Every problem has a code (ADR 0005).
     */
    private static boolean isJsonReport(ApiResponse response) {
        return response.getDescription() == null
                || !CODE.matcher(response.getDescription()).find();
    }

    /** Codes from the description and these, listed once at its end and given one example each. */
    private ApiResponse describe(ApiResponse response, int status, String... more) {
        String description = response.getDescription() == null ? "" : response.getDescription();
        Set<String> codes = new LinkedHashSet<>();
        Matcher found = CODE.matcher(description);
        while (found.find()) {
            codes.add(found.group(1));
        }
        String lead = description.replaceAll("\\s*Codes: .*$", "");
        codes.addAll(List.of(more));
        Map<String, Example> examples = new TreeMap<>();
        for (String code : codes) {
            examples.put(code, example(status, code));
        }
        response.description(lead + " Codes: "
                + String.join(", ", codes.stream().map(c -> "`" + c + "`").toList()) + ".");
        response.content(new Content()
                .addMediaType(
                        MEDIA_TYPE,
                        new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))
                                .examples(new LinkedHashMap<>(examples))));
        return response;
    }

    private Example example(int status, String code) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", Problems.TYPE_PREFIX + code);
        value.put("title", messages.getMessage("problem." + code + ".title", null, code, Locale.ENGLISH));
        value.put("status", status);
        value.put("detail", messages.getMessage("problem." + code, ARGUMENTS, code, Locale.ENGLISH));
        value.put("code", code);
        return new Example().summary(code).value(value);
    }

    private static Schema<?> schema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail. Switch on `code`; `title` and `detail` are in the"
                        + " language asked for with Accept-Language (Spanish unless English is preferred).")
                .addProperty("type", new StringSchema().description("`urn:tejido:problem:` followed by the code."))
                .addProperty("title", new StringSchema().description("What kind of refusal, in words."))
                .addProperty("status", new IntegerSchema().description("The HTTP status."))
                .addProperty("detail", new StringSchema().description("This refusal, in a sentence."))
                .addProperty(
                        "instance",
                        new StringSchema()
                                .description("The request's path; left out when the path itself is what was refused."))
                .addProperty("code", new StringSchema().description("The stable code: never renamed, only added."))
                .required(List.of("type", "title", "status", "detail", "code"));
    }
}
