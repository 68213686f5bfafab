package org.tejido.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tejido.support.NodeIntegrationTest;

/**
 * The OpenAPI document the node serves passes Redocly's recommended rules (redocly.yaml at the root
 * of the repository). It is the served document that clients read, so it is the one linted: written
 * to target/openapi/openapi.json and handed to a pinned @redocly/cli through npx, as .ci/run does with
 * buf. Without npx (Node.js) the test fails and says so: CI has it.
 */
@NodeIntegrationTest
class OpenApiLintIT {
    static final String REDOCLY = "@redocly/cli@2.77.0";
    static final Path DOCUMENT = Path.of("target/openapi/openapi.json");
    static final Path CONFIG = Path.of("../redocly.yaml");

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentPassesRedoclyRecommendedRules() throws Exception {
        HttpResponse<byte[]> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        Files.createDirectories(DOCUMENT.getParent());
        Files.write(DOCUMENT, served.body());

        List<String> command = List.of(
                "npx",
                "--yes",
                REDOCLY,
                "lint",
                "--config",
                CONFIG.toString(),
                "--format",
                "stylish",
                DOCUMENT.toString());
        Process lint;
        try {
            lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("npx (Node.js) is needed to lint the OpenAPI document: " + e.getMessage(), e);
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES))
                .as("redocly lint finished")
                .isTrue();
        assertThat(lint.exitValue())
                .as("redocly lint of %s:%n%s", DOCUMENT, output)
                .isZero();
    }
}
