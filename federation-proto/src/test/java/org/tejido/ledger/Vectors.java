package org.tejido.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Loads the third-party vectors copied under src/test/resources/vectors (never from /work/shared). */
public final class Vectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    public static JsonNode json(String resource) {
        try (InputStream in = Vectors.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every JSON file under a resource directory, as paths relative to the classpath root, sorted. Resources
     * live in target/test-classes when Maven runs tests, so walking the directory lists them all and a new
     * vector file cannot be skipped by a stale index.
     */
    public static List<String> jsonFilesUnder(String directory) {
        URL url = Vectors.class.getClassLoader().getResource(directory);
        if (url == null) {
            throw new IllegalStateException("missing test resource directory " + directory);
        }
        try {
            Path root = Path.of(url.toURI());
            Path classpathRoot = root;
            for (int i = 0; i < Path.of(directory).getNameCount(); i++) {
                classpathRoot = classpathRoot.getParent();
            }
            Path base = classpathRoot;
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.toString().endsWith(".json"))
                        .map(p -> base.relativize(p).toString().replace('\\', '/'))
                        .sorted()
                        .collect(Collectors.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
