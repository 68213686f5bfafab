package org.tejido.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A national node on a real PostgreSQL (embedded, or external when configured), on a random HTTP
 * port. Every test class with this annotation shares one node (Spring's context cache), so tests
 * must use their own identifiers and never assume an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("national")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface NodeIntegrationTest {}
