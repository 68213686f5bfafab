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

    /** The settings as application.properties makes them: the bundle named, HTTPS off. */
    private MockEnvironment settings(String address) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("server.ssl.bundle", HttpExposureCheck.BUNDLE)
                .withProperty("server.ssl.enabled", "false")
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
        assertThatCode(() -> check.postProcessEnvironment(settings("127.0.0.1"), server))
                .doesNotThrowAnyException();
        verify(log, never()).warn(org.mockito.ArgumentMatchers.any());
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
        MockEnvironment environment = settings("0.0.0.0").withProperty("server.ssl.enabled", "true");

        StartupRefusal refusal =
                catchThrowableOfType(StartupRefusal.class, () -> check.postProcessEnvironment(environment, server));
        assertThat(refusal.exitCode()).isEqualTo(StartupRefusal.CONFIGURATION);
        assertThat(refusal.line())
                .startsWith(
                        "http.certificate-unusable: the node cannot serve HTTPS with its certificate (pki.file-missing:")
                .contains(dir.resolve("https.crt").toString())
                .contains("Falta el archivo")
                .contains("keys https-init");

        HttpsCertificate.create(dir, List.of("tejido.oficina.lan"), 30, null);
        assertThatCode(() -> check.postProcessEnvironment(environment, server)).doesNotThrowAnyException();
        verify(log, never()).warn(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aCommandWithoutAWebServerIsNotChecked() {
        server.setWebApplicationType(WebApplicationType.NONE);
        assertThatCode(() -> check.postProcessEnvironment(settings("0.0.0.0"), server))
                .doesNotThrowAnyException();
    }
}
