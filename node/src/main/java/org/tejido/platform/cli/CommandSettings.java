package org.tejido.platform.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.tejido.platform.database.OfflineDatabase;

/**
 * The few settings the commands run without Spring need (users, backup, restore), found as the node
 * finds them: a
 * {@code --name=value} argument, else the environment variable of the same name in capitals with
 * underscores ({@code TEJIDO_DATA_DIR}), else the node's default.
 */
public final class CommandSettings {
    private static final Set<String> KNOWN = Set.of(
            "tejido.data-dir",
            "tejido.master-key-file",
            "tejido.node.domain",
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password");

    private final Map<String, String> arguments = new HashMap<>();
    private final Function<String, String> environment;
    private Optional<String> unknown = Optional.empty();

    public CommandSettings(List<String> args, Function<String, String> environment) {
        this.environment = environment;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !KNOWN.contains(name) || arguments.put(name, arg.substring(equals + 1)) != null) {
                unknown = Optional.of(arg);
            }
        }
    }

    /** An argument that is not one of these settings, or given twice. */
    public Optional<String> unknown() {
        return unknown;
    }

    public Path dataDir() {
        return Path.of(get("tejido.data-dir").orElse(System.getProperty("user.home") + "/.tejido/node"))
                .toAbsolutePath();
    }

    public Path masterKeyFile() {
        return get("tejido.master-key-file")
                .map(Path::of)
                .orElse(dataDir().resolve("keys").resolve("master.key"));
    }

    /** The node's name, as the node finds it ({@code tejido.node.domain}, "localhost" when unset). */
    public String nodeDomain() {
        return get("tejido.node.domain").orElse("localhost");
    }

    public Optional<String> external() {
        return get("spring.datasource.url");
    }

    /** The external database if one is configured, else the embedded one (see {@link OfflineDatabase}). */
    public OfflineDatabase database(boolean attachToRunning) throws IOException {
        Optional<String> url = external();
        if (url.isPresent()) {
            return OfflineDatabase.external(
                    url.get(),
                    get("spring.datasource.username").orElse(null),
                    get("spring.datasource.password").orElse(null));
        }
        return OfflineDatabase.embedded(dataDir(), attachToRunning);
    }

    private Optional<String> get(String name) {
        String value = arguments.get(name);
        if (value == null) {
            value = environment.apply(
                    name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
