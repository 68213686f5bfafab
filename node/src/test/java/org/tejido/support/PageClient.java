package org.tejido.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser without the browser: one cookie jar (one session), redirects not followed so
 * that each answer can be checked, and forms posted as a browser posts them. Optionally presents
 * itself as coming from another client address or over TLS through {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto}, which a node started with {@code server.forward-headers-strategy=native}
 * trusts from loopback, as it would from a reverse proxy on the same machine.
 */
public final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public PageClient(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        headers.put("Accept-Language", "es");
    }

    /** Every request from now on seems to come from this client address (through a trusted proxy). */
    public PageClient from(String address) {
        headers.put("X-Forwarded-For", address);
        return this;
    }

    public PageClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A form as the browser sends it (application/x-www-form-urlencoded). */
    public Page post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * A form with a file, as the browser sends it (multipart/form-data): the fields first, then the file
     * under {@code fileField} with its name and bytes (sent as text/csv, as a browser does for .csv).
     */
    public Page upload(String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "----PageClient" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Opens the sign-in page and sends its form: the answer (a redirect) is returned. */
    public Page signIn(String name, String password) {
        Page form = get("/sign-in");
        return post("/sign-in", Map.of("name", name, "password", password, "_csrf", form.csrf()));
    }

    /**
     * Signs a person in, both steps: her password, then, when the node asks for it, her phone app's
     * code. The last answer (a redirect) is returned.
     */
    public Page signIn(TestUsers.Person person) {
        Page answer = signIn(person.name(), person.password());
        if (person.totpSecret() == null || !answer.location().equals("/sign-in/code")) {
            return answer;
        }
        return code(person.code());
    }

    /** Opens the code page and sends its form with this code. */
    public Page code(String code) {
        Page form = get("/sign-in/code");
        return post("/sign-in/code", Map.of("code", code, "_csrf", form.csrf()));
    }

    /** Signs out with the token of the page given (any signed-in page carries the sign-out form). */
    public Page signOut(Page signedInPage) {
        return post("/sign-out", Map.of("_csrf", signedInPage.csrf()));
    }

    /** The value of a cookie this client holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Puts a cookie back (to replay an old session cookie). */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    private Page send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Page(int status, String body, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse("");
        }

        public List<String> all(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }

        /** Where a redirect points, without scheme and host. */
        public String location() {
            String location = header("Location");
            return location.replaceFirst("^https?://[^/]+", "");
        }

        /** The CSRF token of the page's (first) form. */
        public String csrf() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF token in the page (" + status + "): " + body);
            }
            return m.group(1);
        }

        /** The Set-Cookie header that sets this cookie, attributes and all, or "". */
        public String setCookie(String name) {
            return all("Set-Cookie").stream()
                    .filter(c -> c.startsWith(name + "="))
                    .findFirst()
                    .orElse("");
        }
    }
}
