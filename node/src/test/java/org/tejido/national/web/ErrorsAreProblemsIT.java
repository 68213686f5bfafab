package org.tejido.national.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.Fixtures;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestUsers;

/**
 * Every error the node gives is an RFC 9457 problem detail with a stable code and a sentence in
 * Spanish and in English, whoever refuses the request: a controller, Spring MVC, Spring Security's
 * firewall, or Tomcat before the application sees it. The requests go over a raw socket, bytes and
 * all, because a well-behaved client refuses to send most of them. Each carries a marker that must
 * appear neither in the answer nor in any line logged while it was handled, and none changes the
 * event store.
 */
@NodeIntegrationTest
class ErrorsAreProblemsIT {
    /** Stands for whatever a person typed: it must not come back, nor reach the log. */
    static final String MARKER = "qzmarkx";

    static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    MessageSource messages;

    @Autowired
    JdbcTemplate jdbc;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    /**
     * One request: its request line's target exactly as sent (ISO-8859-1, so {@code \u00ff} is byte
     * FF). {@code headersRead} is false when Tomcat refuses the request line itself: it never reads
     * the headers, Accept-Language included, so the answer is in the default language, Spanish.
     */
    record Case(
            String name,
            String method,
            String target,
            String contentType,
            String body,
            int status,
            String code,
            boolean headersRead) {
        Case(String name, String method, String target, String contentType, String body, int status, String code) {
            this(name, method, target, contentType, body, status, code, true);
        }

        Case headersUnread() {
            return new Case(name, method, target, contentType, body, status, code, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String defender = Fixtures.newDefenderCode("MX");
        String profile = "\"profile\":{\"kind\":\"individual\",\"rightsDefended\":[\"land-and-territory\"]}";
        String boundary = "----tejido" + MARKER;
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"facts\"\r\n\r\n"
                + "{\"narrative\":\"" + MARKER + "\"}\r\n"
                + "--" + boundary + "--\r\n";
        String notAUuid = "/api/attacks/" + MARKER + "-ana/";
        return Stream.of(
                // Controllers and Spring MVC.
                new Case(
                        "consent read, attack id not a UUID", "GET", notAUuid + "consent", null, null, 400, INVALID_ID),
                new Case(
                        "consent grant, attack id not a UUID",
                        "PUT",
                        notAUuid + "consent",
                        "application/json",
                        Fixtures.consentJson("statistics"),
                        400,
                        INVALID_ID),
                new Case(
                        "consent revocation, attack id not a UUID",
                        "POST",
                        notAUuid + "consent/revocation",
                        "application/json",
                        "{\"reason\":\"r\"}",
                        400,
                        INVALID_ID),
                new Case(
                        "defender without a country",
                        "POST",
                        "/api/defenders",
                        "application/json",
                        "{\"code\":\"" + defender + "\",\"subdivision\":null," + profile + "}",
                        422,
                        "field.required"),
                new Case(
                        "defender with a null country",
                        "POST",
                        "/api/defenders",
                        "application/json",
                        "{\"code\":\"" + defender + "\",\"country\":null,\"subdivision\":null," + profile + "}",
                        422,
                        "field.required"),
                new Case(
                        "multipart sent to a JSON endpoint",
                        "POST",
                        "/api/attacks",
                        "multipart/form-data; boundary=" + boundary,
                        multipart,
                        415,
                        "http.415"),
                new Case(
                        "multipart without a boundary sent to a JSON endpoint",
                        "POST",
                        "/api/attacks",
                        "multipart/form-data",
                        multipart,
                        415,
                        "http.415"),
                new Case(
                        "multipart that is not multipart sent to a JSON endpoint",
                        "POST",
                        "/api/attacks",
                        "multipart/form-data; boundary=" + boundary,
                        "{\"facts\":\"" + MARKER + "\"}",
                        415,
                        "http.415"),
                new Case(
                        "NUL in a query parameter",
                        "GET",
                        "/api/access-log?subjectId=" + MARKER + "%00",
                        null,
                        null,
                        400,
                        INVALID_QUERY),
                new Case(
                        "NUL in a query parameter that names a code",
                        "GET",
                        "/api/attacks?subdivision=" + MARKER + "%00",
                        null,
                        null,
                        400,
                        INVALID_QUERY),
                new Case(
                        "invalid UTF-8 in a query parameter, percent-encoded",
                        "GET",
                        "/api/access-log?subjectId=" + MARKER + "%C3%28",
                        null,
                        null,
                        400,
                        INVALID_QUERY),
                new Case(
                        "malformed percent escape in a query parameter",
                        "GET",
                        "/api/access-log?subjectId=" + MARKER + "%G0",
                        null,
                        null,
                        400,
                        INVALID_QUERY),
                new Case(
                                "invalid UTF-8 in a query parameter, raw byte",
                                "GET",
                                "/api/access-log?reader=" + MARKER + "\u00ff",
                                null,
                                null,
                                400,
                                REJECTED)
                        .headersUnread(),
                // Spring Security's firewall and Tomcat, before any controller.
                new Case(
                        "TRACE, which Tomcat refuses itself",
                        "TRACE",
                        notAUuid + "consent",
                        null,
                        null,
                        405,
                        "http.405"),
                new Case("semicolon in the path", "GET", "/api/attacks;" + MARKER + "=1", null, null, 400, REJECTED),
                new Case("encoded slash in the path", "GET", notAUuid + "%2F" + MARKER, null, null, 400, REJECTED),
                new Case("encoded percent in the path", "GET", notAUuid + "%25" + MARKER, null, null, 400, REJECTED),
                new Case("encoded CR/LF in the path", "GET", notAUuid + "%0D%0A" + MARKER, null, null, 400, REJECTED),
                new Case("encoded NUL in the path", "GET", notAUuid + "%00" + MARKER, null, null, 400, REJECTED),
                new Case("raw CR in the path", "GET", notAUuid + "\r" + MARKER, null, null, 400, REJECTED)
                        .headersUnread(),
                new Case("dot-dot in the path", "GET", "/api/" + MARKER + "/../attacks", null, null, 400, REJECTED),
                new Case(
                        "encoded dot-dot in the path", "GET", notAUuid + "%2e%2e/" + MARKER, null, null, 400, REJECTED),
                new Case("backslash in the path", "GET", notAUuid + "\\" + MARKER, null, null, 400, REJECTED)
                        .headersUnread());
    }

    static final String INVALID_ID = "request.invalid-id";
    static final String INVALID_QUERY = "request.invalid-query";
    static final String REJECTED = "request.rejected";

    @BeforeEach
    void captureTheLog() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logged);
        logged.stop();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAProblemDetailWithAStableCodeInBothLanguagesAndLeavesNoTrace(Case c) {
        String token = TestUsers.token(node, "coordinator");
        long events = events();
        Map<String, JsonNode> byLanguage = new LinkedHashMap<>();
        for (String language : List.of("es", "en")) {
            Raw response = Raw.send(port, c, token, language);
            String what = c.name + " (" + language + "): " + response;
            assertThat(response.status).as(what).isLessThan(500).isEqualTo(c.status);
            assertThat(response.header("content-type")).as(what).startsWith(PROBLEM_JSON);
            assertThat(response.body.toLowerCase(Locale.ROOT)).as(what).doesNotContain(MARKER);
            JsonNode problem = response.json();
            Locale locale = Locale.forLanguageTag(c.headersRead ? language : "es");
            assertThat(problem.path("code").asText()).as(what).isEqualTo(c.code);
            assertThat(problem.path("type").asText()).as(what).isEqualTo("urn:tejido:problem:" + c.code);
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(c.status);
            assertThat(problem.path("title").asText())
                    .as(what)
                    .isEqualTo(messages.getMessage("problem." + c.code + ".title", null, locale));
            assertThat(problem.path("detail").asText()).as(what).isNotBlank().isNotEqualTo(c.code);
            byLanguage.put(language, problem);
        }
        if (c.headersRead) {
            assertThat(byLanguage.get("es").path("title").asText())
                    .as(c.name + ": a Spanish and an English sentence")
                    .isNotEqualTo(byLanguage.get("en").path("title").asText());
            assertThat(byLanguage.get("es").path("detail").asText())
                    .isNotEqualTo(byLanguage.get("en").path("detail").asText());
        } else {
            // Both answers are Spanish; the English sentences exist all the same.
            assertThat(messages.getMessage("problem." + c.code, null, Locale.ENGLISH))
                    .isNotEqualTo(messages.getMessage("problem." + c.code, null, Locale.forLanguageTag("es")));
        }
        assertThat(loggedText()).as(c.name + ": the log").noneMatch(line -> line.contains(MARKER));
        assertThat(events()).as(c.name + ": the event store").isEqualTo(events);
    }

    /**
     * A bare LF ends the request line: Tomcat reads {@code GET /api/attacks} as an HTTP/0.9 request,
     * which has no headers (so no credentials) and whose answer is a body alone, with no status line.
     * That body is the 401 problem detail; what followed the LF is never read as part of anything.
     */
    @Test
    void aLineFeedInTheTargetEndsAnHttp09RequestAnsweredWithAProblemBody() {
        Case c = new Case("raw LF in the path", "GET", "/api/attacks\n" + MARKER, null, null, 401, null);
        Raw response = Raw.send(port, c, TestUsers.token(node, "coordinator"), "en");
        assertThat(response.status).as(response.toString()).isEqualTo(-1); // no status line: HTTP/0.9
        assertThat(response.body.toLowerCase(Locale.ROOT)).doesNotContain(MARKER);
        JsonNode problem = response.json();
        assertThat(problem.path("code").asText()).as(response.toString()).isEqualTo("auth.unauthenticated");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(loggedText()).as("the log").noneMatch(line -> line.contains(MARKER));
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** Every line logged so far, with its exceptions' classes and messages, in lower case. */
    private List<String> loggedText() {
        List<String> lines = new ArrayList<>();
        synchronized (logged.list) {
            for (ILoggingEvent event : logged.list) {
                StringBuilder line =
                        new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                    for (IThrowableProxy suppressed : t.getSuppressed()) {
                        line.append(" | ")
                                .append(suppressed.getClassName())
                                .append(": ")
                                .append(suppressed.getMessage());
                    }
                }
                lines.add(line.toString().toLowerCase(Locale.ROOT));
            }
        }
        return lines;
    }

    /** An HTTP/1.1 exchange over a plain socket: the request line goes out exactly as given. */
    record Raw(int status, Map<String, String> headers, String body) {
        static Raw send(int port, Case c, String token, String language) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            byte[] body = c.body == null ? new byte[0] : c.body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder()
                    .append(c.method)
                    .append(' ')
                    .append(c.target)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: localhost:")
                    .append(port)
                    .append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Accept: application/json\r\n")
                    .append("Accept-Language: ")
                    .append(language)
                    .append("\r\n")
                    .append("Authorization: Bearer ")
                    .append(token)
                    .append("\r\n");
            if (c.contentType != null) {
                head.append("Content-Type: ").append(c.contentType).append("\r\n");
            }
            if (c.body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
                return parse(readAll(socket.getInputStream()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // The server may close without reading the rest of what was sent: keep what came back.
            }
            return all.toByteArray();
        }

        private static Raw parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Raw(-1, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                rest = dechunk(rest);
            }
            return new Raw(status, headers, new String(rest, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = at;
                while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                    lineEnd++;
                }
                String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + header("content-type") + " "
                    + body.replace("\r", "\\r").replace("\n", "\\n");
        }
    }
}
