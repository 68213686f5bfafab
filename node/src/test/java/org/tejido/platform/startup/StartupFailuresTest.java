package org.tejido.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;

class StartupFailuresTest {
    @Test
    void aStartWithTheDatabaseDownIsOneSentenceInBothLanguagesAndExitStatus69() {
        SQLException refused = new SQLException(
                "Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused"));
        BeanCreationException flyway =
                new BeanCreationException("flywayInitializer", "Unable to obtain connection", refused);

        FailureAnalysis analysis = new StartupFailureAnalyzer().analyze(flyway);

        assertThat(analysis.getDescription())
                .isEqualTo("The node cannot reach its PostgreSQL database (SQLException SQLSTATE 08001) / el nodo no"
                        + " puede llegar a su base de datos PostgreSQL.");
        assertThat(analysis.getAction()).contains("Start PostgreSQL").contains("inicie PostgreSQL");
        assertThat(StartupFailures.exitCode(flyway)).isEqualTo(69);
    }

    @Test
    void aRefusalOfTheNodeKeepsItsOwnWordsAndStatusBehindSpringsWrappers() {
        StartupRefusal refusal = new StartupRefusal("what / qué", "do this / haga esto", StartupRefusal.CONFIGURATION);
        BeanCreationException wrapped = new BeanCreationException("masterKey", "failed", refusal);

        assertThat(StartupFailures.diagnose(wrapped)).containsSame(refusal);
        assertThat(StartupFailures.exitCode(wrapped)).isEqualTo(78);
    }

    @Test
    void aPortInUseIsExitStatus75() {
        PortInUseException port = new PortInUseException(8080);
        assertThat(StartupFailures.diagnose(new IllegalStateException("web server", port)))
                .hasValueSatisfying(r -> assertThat(r.sentence()).contains("8080"));
        assertThat(StartupFailures.exitCode(port)).isEqualTo(75);
    }

    @Test
    void otherFailuresAreBugsLeftWithTheirStackTrace() {
        BeanCreationException bug = new BeanCreationException("x", "y", new SQLException("syntax", "42601"));
        assertThat(new StartupFailureAnalyzer().analyze(bug)).isNull();
        assertThat(StartupFailures.exitCode(bug)).isEqualTo(1);
    }

    @Test
    void theReportIsOneLineWithoutAStackTraceUnlessAskedFor() {
        FailureAnalysis analysis = new FailureAnalysis(
                "Port 8080 is already in use\n/ el puerto 8080 ya está en uso.", "Stop it.\n", new Exception("x"));

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        new OneLineFailureReporter(new PrintStream(quiet, true, StandardCharsets.UTF_8), false).report(analysis);
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        new OneLineFailureReporter(new PrintStream(traced, true, StandardCharsets.UTF_8), true).report(analysis);

        assertThat(quiet.toString(StandardCharsets.UTF_8))
                .isEqualTo("Tejido did not start / Tejido no arrancó: Port 8080 is already in use / el puerto 8080"
                        + " ya está en uso. Stop it." + System.lineSeparator());
        assertThat(traced.toString(StandardCharsets.UTF_8)).contains("java.lang.Exception: x");
    }

    @Test
    void registeredWithSpringBoot() throws IOException {
        List<String> analyzers = new ArrayList<>();
        List<String> reporters = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            try (InputStream in = url.openStream()) {
                Properties one = new Properties();
                one.load(in);
                analyzers.add(one.getProperty(FailureAnalyzer.class.getName(), ""));
                reporters.add(one.getProperty(FailureAnalysisReporter.class.getName(), ""));
            }
        }
        assertThat(analyzers).anyMatch(names -> names.contains(StartupFailureAnalyzer.class.getName()));
        assertThat(reporters).anyMatch(names -> names.contains(OneLineFailureReporter.class.getName()));
    }

    @Test
    void aRefusalIsPrintedOnOneLine() {
        StartupRefusal refusal =
                new StartupRefusal("What is wrong\n  / qué está mal.", "What to do\r\n/ qué hacer.", 78);
        assertThat(refusal.line()).isEqualTo("What is wrong / qué está mal. What to do / qué hacer.");
    }
}
