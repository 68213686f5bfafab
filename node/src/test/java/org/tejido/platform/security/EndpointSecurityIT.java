package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * Every endpoint the running application maps (read from Spring MVC itself, so a new controller
 * method cannot be forgotten) refuses a request without credentials (401), with a role not named for
 * it (403) and with an invalid token (401), each as a problem detail; the roles named for it get
 * through security. Only the public addresses answer without credentials.
 */
@NodeIntegrationTest
class EndpointSecurityIT {
    /** Fills every path variable: a well-formed UUID, so controllers see a plausible, unknown id. */
    static final String DUMMY = "6f1c2b7e-0000-4000-8000-00000000beef";

    /** Mapped by Spring Boot itself; no role may call it directly (only error dispatches reach it). */
    static final Set<String> DENIED_TO_ALL = Set.of("/error");

    static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    Http anonymous;

    @BeforeEach
    void setUp() {
        anonymous = new Http(port);
    }

    record Endpoint(String method, String pattern) {
        String path() {
            return pattern.replaceAll("\\{\\*?[^}]+}", DUMMY);
        }

        /** A body for methods that take one: empty, so nothing can be recorded even when let through. */
        String body() {
            return method.equals("GET") || method.equals("DELETE") ? null : "";
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /**
     * All patterns x methods of every controller method of the API chain (no methods declared: every
     * method). The pages, on the session chain, are walked the same way by PageSecurityIT.
     */
    List<Endpoint> endpoints() {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mvc.getHandlerMethods().keySet()) {
            assertThat(info.getPathPatternsCondition()).as(info.toString()).isNotNull();
            List<String> methods = info.getMethodsCondition().getMethods().isEmpty()
                    ? ALL_METHODS
                    : info.getMethodsCondition().getMethods().stream()
                            .map(Enum::name)
                            .toList();
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (SecurityConfig.onPageChain(pattern)) {
                    continue;
                }
                for (String method : methods) {
                    if (seen.add(method + " " + pattern)) {
                        endpoints.add(new Endpoint(method, pattern));
                    }
                }
            }
        }
        return endpoints;
    }

    static boolean isPublic(Endpoint endpoint) {
        return endpoint.method().equals("GET")
                && SecurityConfig.PUBLIC.stream()
                        .anyMatch(p -> PathPatternParser.defaultInstance
                                .parse(p)
                                .matches(PathContainer.parsePath(endpoint.path())));
    }

    /** The roles the table names for this endpoint (none: denied to everyone). */
    static EnumSet<Role> allowed(Endpoint endpoint) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (SecurityConfig.Rule rule : SecurityConfig.TABLE) {
            if (rule.method().equals(HttpMethod.valueOf(endpoint.method()))
                    && PathPatternParser.defaultInstance
                            .parse(rule.path())
                            .matches(PathContainer.parsePath(endpoint.path()))) {
                roles.addAll(rule.roles());
            }
        }
        return roles;
    }

    List<Endpoint> protectedEndpoints() {
        return endpoints().stream().filter(e -> !isPublic(e)).toList();
    }

    @Test
    void theEndpointsComeFromTheRunningApplication() {
        assertThat(endpoints())
                .contains(
                        new Endpoint("POST", "/api/attacks"),
                        new Endpoint("GET", "/api/attacks/{attackId}"),
                        new Endpoint("POST", "/api/imports/attacks"),
                        new Endpoint("POST", "/api/admin/projections/{name}/replay"),
                        new Endpoint("GET", "/api/vocabulary/{scheme}"),
                        new Endpoint("GET", "/v3/api-docs"));
    }

    @Test
    void everyEndpointIsPublicOrNamedInTheTable() {
        List<Endpoint> forgotten = endpoints().stream()
                .filter(e -> !isPublic(e) && allowed(e).isEmpty() && !DENIED_TO_ALL.contains(e.pattern()))
                .toList();
        assertThat(forgotten)
                .as("endpoints with no line in SecurityConfig.TABLE (denied to everyone): add one")
                .isEmpty();
    }

    @Test
    void withoutCredentialsEveryProtectedEndpointAnswers401() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : protectedEndpoints()) {
            Http.Response response = anonymous.request(endpoint.method(), endpoint.path(), endpoint.body(), "es");
            soft.assertThat(problem(response, 401, "auth.unauthenticated"))
                    .as(endpoint + " -> " + response.status() + " " + response.body())
                    .isTrue();
            soft.assertThat(response.wwwAuthenticate()).as(endpoint.toString()).startsWith("Bearer");
        }
        soft.assertAll();
    }

    @Test
    void everyRoleNotNamedForAnEndpointGets403() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : protectedEndpoints()) {
            Set<Role> refused = EnumSet.complementOf(allowed(endpoint));
            soft.assertThat(refused).as(endpoint + ": no role left to refuse").isNotEmpty();
            for (Role role : refused) {
                Http.Response response = http(role).request(endpoint.method(), endpoint.path(), endpoint.body(), "es");
                soft.assertThat(problem(response, 403, "auth.forbidden"))
                        .as(endpoint + " as " + role.code() + " -> " + response.status() + " " + response.body())
                        .isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void theRolesNamedForAnEndpointGetThroughSecurity() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : protectedEndpoints()) {
            for (Role role : allowed(endpoint)) {
                Http.Response response = http(role).request(endpoint.method(), endpoint.path(), endpoint.body(), "es");
                soft.assertThat(response.status())
                        .as(endpoint + " as " + role.code() + " -> " + response.body())
                        .isNotIn(401, 403);
            }
        }
        soft.assertAll();
    }

    @Test
    void anInvalidTokenGets401EverywhereEvenOnPublicAddresses() {
        String forged = Tokens.newToken();
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : endpoints()) {
            for (Http client : List.of(
                    anonymous.as(forged),
                    anonymous.withAuthorization("Basic YWRtaW46YWRtaW4="),
                    anonymous.withAuthorization("Bearer"),
                    anonymous.withAuthorization("Bearer " + TestUsers.token(node, "admin") + "x"))) {
                Http.Response response = client.request(endpoint.method(), endpoint.path(), endpoint.body(), "es");
                soft.assertThat(problem(response, 401, "auth.unauthenticated"))
                        .as(endpoint + " -> " + response.status() + " " + response.body())
                        .isTrue();
                soft.assertThat(response.wwwAuthenticate())
                        .as(endpoint.toString())
                        .contains("invalid_token");
            }
        }
        soft.assertAll();
    }

    @Test
    void publicAddressesAnswerWithoutCredentials() {
        List<Endpoint> open =
                endpoints().stream().filter(EndpointSecurityIT::isPublic).toList();
        assertThat(open).extracting(Endpoint::pattern).contains("/v3/api-docs");
        for (Endpoint endpoint : open) {
            assertThat(anonymous.get(endpoint.path()).status())
                    .as(endpoint.toString())
                    .isNotIn(401, 403);
        }
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void actuatorEndpointsOtherThanHealthNeedAdmin() {
        assertThat(problem(anonymous.get("/actuator/prometheus"), 401, "auth.unauthenticated"))
                .isTrue();
        for (Role role : EnumSet.complementOf(EnumSet.of(Role.ADMIN))) {
            assertThat(problem(http(role).get("/actuator/prometheus"), 403, "auth.forbidden"))
                    .as(role.code())
                    .isTrue();
        }
        assertThat(http(Role.ADMIN).get("/actuator/prometheus").status()).isEqualTo(200);
        // The index of actuator links and anything not exposed: denied to everyone.
        assertThat(problem(anonymous.get("/actuator"), 401, "auth.unauthenticated"))
                .isTrue();
        assertThat(problem(http(Role.ADMIN).get("/actuator"), 403, "auth.forbidden"))
                .isTrue();
        assertThat(problem(http(Role.ADMIN).get("/actuator/env"), 403, "auth.forbidden"))
                .isTrue();
    }

    @Test
    void anAddressWithNoEndpointIsUnauthorizedThenNotFoundOrWrongMethod() {
        assertThat(problem(anonymous.get("/api/nowhere"), 401, "auth.unauthenticated"))
                .isTrue();
        assertThat(problem(anonymous.request("PUT", "/api/attacks", "{}", "es"), 401, "auth.unauthenticated"))
                .isTrue();
        Http analyst = http(Role.ANALYST);
        assertThat(problem(analyst.get("/api/nowhere"), 404, "http.404")).isTrue();
        assertThat(problem(analyst.request("PUT", "/api/attacks", "{}", "es"), 405, "http.405"))
                .isTrue();
    }

    @Test
    void refusalsSpeakSpanishByDefaultAndEnglishWhenAsked() {
        assertThat(anonymous.get("/api/attacks").json().get("title").asText()).isEqualTo("Se requiere autenticación");
        assertThat(anonymous.get("/api/attacks", "en").json().get("title").asText())
                .isEqualTo("Authentication required");
        Http.Response forbidden = http(Role.ANALYST).get("/api/attacks", "en");
        assertThat(forbidden.json().get("detail").asText()).isEqualTo("The role analyst is not allowed to do this.");
        assertThat(forbidden.json().get("instance").asText()).isEqualTo("/api/attacks");
        assertThat(http(Role.ANALYST).get("/api/attacks").json().get("detail").asText())
                .isEqualTo("El rol analyst no tiene permiso para hacer esto.");
    }

    @Test
    void aDisabledUsersTokenStopsWorkingAtOnce() {
        NodeUsers users = node.getBean(NodeUsers.class);
        String name = "it-disabled-" + System.nanoTime();
        String token = users.add(name, "registrar").token();
        Http client = anonymous.as(token);
        assertThat(client.get("/api/attacks").status()).isEqualTo(200);
        users.disable(name);
        assertThat(problem(client.get("/api/attacks"), 401, "auth.unauthenticated"))
                .isTrue();
    }

    private Http http(Role role) {
        return anonymous.as(TestUsers.token(node, role.code()));
    }

    private static boolean problem(Http.Response response, int status, String code) {
        if (!response.contentType().startsWith("application/problem+json")) {
            return false;
        }
        return response.status() == status
                && response.contentType().startsWith("application/problem+json")
                && response.problemCode().equals(code)
                && response.json().get("type").asText().equals("urn:tejido:problem:" + code)
                && response.json().get("status").asInt() == status
                && !response.json().get("detail").asText().isBlank();
    }
}
