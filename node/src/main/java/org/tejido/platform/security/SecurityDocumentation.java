package org.tejido.platform.security;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.tejido.platform.problem.ProblemDocumentation;

/**
 * Who may call each operation, in the OpenAPI document, read from the one table that decides it
 * ({@link SecurityConfig#TABLE}): the bearer scheme, the operation's roles ({@code x-roles} and its
 * description), and the refusals security gives (401, 403). An operation no rule names is denied to
 * everyone, and documented so. The public addresses are the document itself and health, not in it.
 */
@Component
class SecurityDocumentation implements OpenApiCustomizer {
    static final String SCHEME = "bearer";

    private final ProblemDocumentation problems;
    private final AntPathMatcher paths = new AntPathMatcher();

    SecurityDocumentation(ProblemDocumentation problems) {
        this.problems = problems;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents()
                .addSecuritySchemes(
                        SCHEME,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("A user's token, from `./tejido users add` (docs/security.md)."));
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation :
                    path.getValue().readOperationsMap().entrySet()) {
                HttpMethod method = HttpMethod.valueOf(operation.getKey().name());
                if (isPublic(method, path.getKey())) {
                    operation.getValue().setSecurity(List.of());
                } else {
                    secure(operation.getValue(), roles(method, path.getKey()));
                }
            }
        }
    }

    private void secure(Operation operation, List<String> roles) {
        operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME)));
        operation.addExtension("x-roles", roles);
        String who = roles.isEmpty() ? "No role may call it." : "Roles: " + String.join(", ", roles) + ".";
        String description = operation.getDescription();
        operation.setDescription(description == null ? who : description + "\n\n" + who);
        problems.add(
                operation, HttpStatus.UNAUTHORIZED, "No token, or not a valid one.", SecurityProblems.UNAUTHENTICATED);
        problems.add(
                operation,
                HttpStatus.FORBIDDEN,
                "The token's role may not call this operation.",
                SecurityProblems.FORBIDDEN);
    }

    private boolean isPublic(HttpMethod method, String path) {
        return method == HttpMethod.GET && SecurityConfig.PUBLIC.stream().anyMatch(p -> paths.match(p, path));
    }

    private List<String> roles(HttpMethod method, String path) {
        return SecurityConfig.TABLE.stream()
                .filter(rule -> rule.method().equals(method) && paths.match(rule.path(), path))
                .findFirst()
                .map(rule -> rule.roles().stream().map(Role::code).toList())
                .orElse(List.of());
    }
}
