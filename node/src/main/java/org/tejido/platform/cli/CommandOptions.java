package org.tejido.platform.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The options of the node's admin commands ({@code users}, {@code nodes}, {@code keys}). */
public final class CommandOptions {
    private CommandOptions() {}

    /**
     * Reads {@code --key value} or {@code --key=value}. With {@code skipSpringProperties}, options whose
     * name contains a dot ({@code --tejido.data-dir=…}) are left to Spring. Answers null when the
     * arguments are not understood: a word that is not an option, a missing or empty value, an option
     * given twice, or one not in {@code allowed}.
     */
    public static Map<String, String> parse(String[] args, Set<String> allowed, boolean skipSpringProperties) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                return null;
            }
            String key = args[i].substring(2);
            String value;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (skipSpringProperties && key.contains(".")) {
                continue;
            }
            if (!allowed.contains(key) || value.isEmpty() || options.put(key, value) != null) {
                return null;
            }
        }
        return options;
    }
}
