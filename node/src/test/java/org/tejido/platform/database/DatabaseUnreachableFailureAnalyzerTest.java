package org.tejido.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URL;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

class DatabaseUnreachableFailureAnalyzerTest {
    @Test
    void aStartWithTheDatabaseDownFailsWithOneSentenceInBothLanguages() {
        SQLException refused = new SQLException(
                "Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused"));
        BeanCreationException flyway =
                new BeanCreationException("flywayInitializer", "Unable to obtain connection", refused);
        FailureAnalysis analysis = new DatabaseUnreachableFailureAnalyzer().analyze(flyway);
        assertThat(analysis.getDescription())
                .isEqualTo("The node cannot reach its PostgreSQL database (SQLException SQLSTATE 08001) / el nodo no"
                        + " puede llegar a su base de datos PostgreSQL.");
        assertThat(analysis.getAction()).contains("Start PostgreSQL").contains("inicie PostgreSQL");
    }

    @Test
    void otherStartFailuresAreLeftToSpringBoot() {
        assertThat(new DatabaseUnreachableFailureAnalyzer()
                        .analyze(new BeanCreationException("x", "y", new SQLException("syntax", "42601"))))
                .isNull();
    }

    @Test
    void registeredWithSpringBoot() throws IOException {
        Properties factories = new Properties();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            try (InputStream in = url.openStream()) {
                Properties one = new Properties();
                one.load(in);
                String analyzers = one.getProperty(FailureAnalyzer.class.getName());
                if (analyzers != null) {
                    factories.put(url.toString(), analyzers);
                }
            }
        }
        assertThat(factories.values())
                .anyMatch(names -> names.toString().contains(DatabaseUnreachableFailureAnalyzer.class.getName()));
    }
}
