package org.tejido.national.web;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the JSON request bodies of the national API (docs/fuzzing.md) with the mapper the node
 * configures: Spring Boot's Jackson auto-configuration with the {@code spring.jackson.*} settings of
 * application.properties (strict: unknown fields, nulls for primitives and trailing tokens refused).
 * Reading a body returns the request or throws a {@link JacksonException}, which the web layer answers
 * with 400; never another exception (a 500), and never an {@link InvalidDefinitionException}, which
 * Spring also turns into a 500. Seeds: the web tests' fixtures (deploy/fuzz/seeds.py).
 */
class RequestBodyFuzzTest {

    private static final JsonMapper MAPPER = nodeMapper();

    @FuzzTest
    void recordAttack(byte[] body) {
        read(body, AttackController.RecordAttackRequest.class);
    }

    @FuzzTest
    void registerDefender(byte[] body) {
        read(body, DefenderController.RegisterDefenderRequest.class);
    }

    private static void read(byte[] body, Class<?> type) {
        try {
            Object request = MAPPER.readValue(body, type);
            if (request != null && !type.isInstance(request)) {
                throw new AssertionError("read a " + request.getClass());
            }
        } catch (InvalidDefinitionException e) {
            throw new AssertionError("a definition problem, answered as a server error", e);
        } catch (JacksonException e) {
            // A 400 problem for the client.
        }
    }

    private static JsonMapper nodeMapper() {
        Properties properties = new Properties();
        try (InputStream in = RequestBodyFuzzTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> jackson = new ArrayList<>();
        properties.stringPropertyNames().stream()
                .filter(name -> name.startsWith("spring.jackson."))
                .forEach(name -> jackson.add(name + "=" + properties.getProperty(name)));
        if (jackson.isEmpty()) {
            throw new IllegalStateException("application.properties has no spring.jackson settings");
        }
        JsonMapper[] mapper = new JsonMapper[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues(jackson.toArray(String[]::new))
                .run(context -> mapper[0] = context.getBean(JsonMapper.class));
        return mapper[0];
    }
}
