package org.tejido.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at /v3/api-docs: generated from the controllers (their {@code @Operation}
 * and {@code @ApiResponse}), with who may call what added by security's {@code SecurityDocumentation}
 * and the problem responses by {@code ProblemDocumentation}; titled here. Linted with Redocly's
 * recommended rules by OpenApiLintIT; checked against what the node answers by ApiContractIT.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    @Bean
    OpenAPI tejidoOpenApi(@Value("${spring.application.name}") String name) {
        return new OpenAPI()
                .info(new Info()
                        .title("Tejido node API")
                        .version("v1")
                        .description("HTTP API of a Tejido node (" + name + "). Every call needs a bearer token"
                                + " of a role named for it. Errors are RFC 9457 problem details"
                                + " (`application/problem+json`) with a stable `code`; sentences in Spanish by"
                                + " default, English with Accept-Language: en.")
                        .license(new License().name("See the repository")))
                // Relative: the node this document was read from (a fixed host would be wrong on every other).
                .servers(List.of(new Server().url("/").description("This node")));
    }

    /**
     * Null on the wire where the schema says so: Jackson writes every field of a view, and a field of a
     * reference type (a string, an object, a list, a boxed number) is null when there is nothing to show
     * (a subdivision not given, a payload erased, an identity not asked for). Only primitives never are.
     */
    @Bean
    PropertyCustomizer referencesMayBeNull() {
        return (property, type) -> {
            JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
            // Only the fields of a view: not the items of a list (never null), nor enumerations (listed).
            if (property == null
                    || type.getPropertyName() == null
                    || javaType.isPrimitive()
                    || property.getEnum() != null) {
                return property;
            }
            if (property.getItems() != null) {
                // The items' own schema went through here first, as if it were a field: a list holds no nulls.
                property.setItems(notNull(property.getItems()));
            }
            return nullable(property);
        };
    }

    private static Schema<?> notNull(Schema<?> schema) {
        if (schema.getOneOf() != null
                && schema.getOneOf().size() == 2
                && Set.of("null").equals(schema.getOneOf().get(1).getTypes())) {
            return schema.getOneOf().get(0);
        }
        if (schema.getTypes() != null && schema.getTypes().contains("null")) {
            Set<String> types = new LinkedHashSet<>(schema.getTypes());
            types.remove("null");
            schema.setTypes(types);
        }
        return schema;
    }

    private static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            // A reference cannot carry a second type: either the referenced object or null.
            return new Schema<>()
                    .oneOf(List.of(new Schema<>().$ref(property.get$ref()), new Schema<>().types(Set.of("null"))));
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty()) {
            return property;
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }
}
