package org.tejido.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A plain HTTP client against a test node: what a registrar's tool would send, bytes and all. It
 * sends no credentials unless given a token with {@link #as(String)} (see {@link TestUsers}).
 */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String base;
    /** The whole Authorization header value, or null for none. */
    private final String authorization;

    public Http(int port) {
        this("http://localhost:" + port, null);
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client, sending {@code Authorization: Bearer <token>} with every request. */
    public Http as(String token) {
        return new Http(base, "Bearer " + token);
    }

    /** The same client, sending this exact Authorization header (for tests of bad credentials). */
    public Http withAuthorization(String header) {
        return new Http(base, header);
    }

    /** Any method, with a JSON body unless {@code json} is null, in the given language. */
    public Response request(String method, String path, String json, String language) {
        HttpRequest.Builder request = builder(path).header("Accept-Language", language);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response get(String path, String language) {
        return send(builder(path).header("Accept-Language", language).GET());
    }

    public Response postJson(String path, String json) {
        return postJson(path, json, "es");
    }

    public Response postJson(String path, String json, String language) {
        return send(builder(path)
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String json) {
        return send(builder(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A body of unknown length, sent chunked: no Content-Length for the server to check up front. */
    public Response postChunked(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(builder(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    }

    public Response post(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, String contentType, String wwwAuthenticate) {
        public Response(int status, String body, String contentType) {
            this(status, body, contentType, "");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }

        /** The stable code of a problem detail. */
        public String problemCode() {
            return json().path("code").asText();
        }
    }
}
