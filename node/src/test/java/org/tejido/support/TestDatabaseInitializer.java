package org.tejido.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Gives each test node context a fresh database before anything connects to it. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> props = new LinkedHashMap<>(TestDatabase.fresh().properties());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("tejido-test-database", props));
    }
}
