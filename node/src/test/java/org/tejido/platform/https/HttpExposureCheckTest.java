package org.tejido.platform.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;
import org.tejido.platform.pki.HttpsCertificate;
import org.tejido.platform.startup.StartupRefusal;

class HttpExposureCheckTest {
    private final Log log = mock(Log.class);
    private final HttpExposureCheck check = new HttpExposureCheck(destination -> log);
    private final SpringApplication server = new SpringApplication(Object.class);

    @TempDir
    Path dir;

    /** The settings as application.properties makes them: HTTPS off, its files in the keys directory. */
    private MockEnvironment settings(String address) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(HttpExposureCheck.TLS_ENABLED, "false")
                .withProperty(
                        HttpExposureCheck.CERTIFICATE, dir.resolve("https.crt").toString())
                .withProperty(
                        HttpExposureCheck.PRIVATE_KEY, dir.resolve("https.key").toString());
        if (address != null) {
            environment.setProperty("server.address", address);
        }
        return environment;
    }

    @Test
    void plainHttpOnLoopbackStartsQuietly() {
        server.setWebApplicationType(WebApplicationType.SERVLET);
        MockEnvironment environment = settings("127.0.0.1");

        assertThatCode(() -> check.postProcessEnvironment(environment, server)).doesNotThrowAnyException();
        verify(log, never()).warn(org.mockito.ArgumentMatchers.any());
        // No SSL bundle at all: Spring Boot would read its files at start.
        assertThat(environment.getProperty("server.ssl.bundle")).isNull();
        assertThat(environment.getPropertySources().contains(HttpExposureCheck.BUNDLE))
                .isFalse();
    }

    @Test
    void plainHttpOnAnyOtherAddressIsRefusedInOneLineWithItsCode() {
        server.setWebApplicationType(WebApplicationType.SERVLET);
        for (String address : new String[] {"0.0.0.0", "::", "192.168.1.20", null}) {
            StartupRefusal refusal = catchThrowableOfType(
                    StartupRefusal.class, () -> check.postProcessEnvironment(settings(address), server));

            assertThat(refusal).as(String.valueOf(address)).isNotNull();
            assertThat(refusal.exitCode()).isEqualTo(StartupRefusal.CONFIGURATION);
            assertThat(refusal.line())
                    .startsWith(
                            "http.plain-beyond-loopback: the node would answer on " + (address == null ? "*" : address))
                    .contains("in clear")
                    .contains("en claro")
                    .contains("keys https-init")
                    .doesNotContain("\n");
        }
    }

    @Test
    void plainHttpBeyondLoopbackExplicitlyAllowedStartsWithAWarning() {
        server.setWebApplicationType(WebApplicationType.SERVLET);
        MockEnvironment environment = settings("0.0.0.0").withProperty(HttpExposureCheck.ALLOW_PLAIN, "true");

        assertThatCode(() -> check.postProcessEnvironment(environment, server)).doesNotThrowAnyException();
        verify(log).warn(contains("Plain HTTP beyond this machine on 0.0.0.0"));
    }

    @Test
    void httpsAnywhereStartsWithAUsableCertificateAndIsRefusedWithoutOne() {
        server.setWebApplicationType(WebApplicationType.SERVLET);
        MockEnvironment environment = settings("0.0.0.0").withProperty(HttpExposureCheck.TLS_ENABLED, "true");

        StartupRefusal refusal =
                catchThrowableOfType(StartupRefusal.class, () -> check.postProcessEnvironment(environment, server));
        assertThat(refusal.exitCode()).isEqualTo(StartupRefusal.CONFIGURATION);
        assertThat(refusal.line())
                .startsWith("http.certificate-unusable: the node cannot serve HTTPS with its certificate"
                        + " (pki.file-missing:")
                .contains(dir.resolve("https.crt").toString())
                .contains("Falta el archivo")
                .contains("keys https-init");
        assertThat(environment.getProperty("server.ssl.bundle")).isNull();

        HttpsCertificate.create(dir, List.of("tejido.oficina.lan"), 30, null);
        assertThatCode(() -> check.postProcessEnvironment(environment, server)).doesNotThrowAnyException();
        verify(log, never()).warn(org.mockito.ArgumentMatchers.any());
        // The web server's SSL bundle is those two files.
        assertThat(environment.getProperty("server.ssl.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("server.ssl.bundle")).isEqualTo(HttpExposureCheck.BUNDLE);
        assertThat(environment.getProperty("spring.ssl.bundle.pem.tejido-https.keystore.certificate"))
                .isEqualTo(dir.resolve("https.crt").toUri().toString());
        assertThat(environment.getProperty("spring.ssl.bundle.pem.tejido-https.keystore.private-key"))
                .isEqualTo(dir.resolve("https.key").toUri().toString());
    }

    @Test
    void aCertificateThatDoesNotNameTheListeningAddressIsSaidAtStart() {
        server.setWebApplicationType(WebApplicationType.SERVLET);
        HttpsCertificate.create(dir, List.of("tejido.oficina.lan", "192.168.1.20", "2001:db8::20"), 30, null);

        for (String named : new String[] {"192.168.1.20", "[2001:db8:0::20]", "TEJIDO.oficina.lan", "127.0.0.1"}) {
            check.postProcessEnvironment(settings(named).withProperty(HttpExposureCheck.TLS_ENABLED, "true"), server);
        }
        verify(log, never()).warn(org.mockito.ArgumentMatchers.any());

        check.postProcessEnvironment(
                settings("192.168.1.21").withProperty(HttpExposureCheck.TLS_ENABLED, "true"), server);
        verify(log).warn(contains("The HTTPS certificate does not name 192.168.1.21"));
    }

    @Test
    void springBootsOwnSslSettingsServeHttpsAnywhereUnlessSwitchedOff() {
        server.setWebApplicationType(WebApplicationType.SERVLET);
        MockEnvironment environment =
                settings("0.0.0.0").withProperty("server.ssl.certificate", "file:/etc/oficina/tejido.crt");

        assertThatCode(() -> check.postProcessEnvironment(environment, server)).doesNotThrowAnyException();

        environment.setProperty("server.ssl.enabled", "false");
        assertThat(catchThrowableOfType(StartupRefusal.class, () -> check.postProcessEnvironment(environment, server)))
                .isNotNull();
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseIsRefusedWithoutItsValue() {
        server.setWebApplicationType(WebApplicationType.SERVLET);
        MockEnvironment environment = settings("127.0.0.1").withProperty(HttpExposureCheck.TLS_ENABLED, "qzsi");

        StartupRefusal refusal =
                catchThrowableOfType(StartupRefusal.class, () -> check.postProcessEnvironment(environment, server));
        assertThat(refusal.exitCode()).isEqualTo(StartupRefusal.CONFIGURATION);
        assertThat(refusal.line())
                .contains("The setting tejido.http.tls.enabled is not valid")
                .doesNotContain("qzsi");
    }

    @Test
    void aCommandWithoutAWebServerIsNotChecked() {
        server.setWebApplicationType(WebApplicationType.NONE);
        assertThatCode(() -> check.postProcessEnvironment(settings("0.0.0.0"), server))
                .doesNotThrowAnyException();
    }
}
