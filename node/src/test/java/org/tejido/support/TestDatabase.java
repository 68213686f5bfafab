package org.tejido.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where a test node keeps its data. By default a fresh embedded PostgreSQL in a temporary directory.
 * When the system property {@code tejido.it.external-db-url} names an external PostgreSQL (set by
 * {@code .ci/run} for the second failsafe run), a fresh database is created on it instead, so test
 * nodes never share processors' tokens or rows.
 */
public final class TestDatabase {
    public static final String EXTERNAL_URL_PROPERTY = "tejido.it.external-db-url";

    private final Map<String, String> properties;

    private TestDatabase(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    public static boolean external() {
        String url = System.getProperty(EXTERNAL_URL_PROPERTY, "");
        return !url.isBlank();
    }

    /** A new, empty database (embedded or external, as configured for this run). */
    public static TestDatabase fresh() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("tejido.data-dir", TestDirectories.create("node-").toString());
        if (external()) {
            String adminUrl = System.getProperty(EXTERNAL_URL_PROPERTY);
            String name = "tejido_it_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(adminUrl);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create a test database on " + redact(adminUrl), e);
            }
            props.put("spring.datasource.url", withDatabase(adminUrl, name));
        }
        return new TestDatabase(props);
    }

    /** Spring properties that point a node at this database. */
    public Map<String, String> properties() {
        return properties;
    }

    public String[] asArgs() {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** For libpq tools (pg_dump): postgresql://user:password@host:port/database of the external server. */
    public static String libpqUrl(String database) {
        String jdbc = System.getProperty(EXTERNAL_URL_PROPERTY);
        java.net.URI uri = java.net.URI.create(jdbc.substring("jdbc:".length()));
        java.util.Map<String, String> params = new java.util.HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return "postgresql://" + params.getOrDefault("user", "") + ":" + params.getOrDefault("password", "") + "@"
                + uri.getHost() + ":" + uri.getPort() + "/" + database;
    }

    /** jdbc:postgresql://host:port/db?params -> same server and params, other database. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
