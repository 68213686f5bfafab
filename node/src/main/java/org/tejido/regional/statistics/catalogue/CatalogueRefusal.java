package org.tejido.regional.statistics.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * The catalogue refuses its input or a selection; nothing is built. The code is stable and has a
 * sentence in Spanish and English ({@code problem.<code>} in the messages files). The message is the
 * code alone and the arguments name only where the problem is (a scheme, a dimension), never the value
 * given: exception messages are logged.
 */
public final class CatalogueRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A record's period is not {@code YYYY} or {@code YYYY-MM}. */
    public static final String INVALID_PERIOD = "statistics.invalid-period";
    /** The release's year is not a four-digit year. */
    public static final String INVALID_YEAR = "statistics.invalid-year";
    /** A record carries a code the vocabulary does not know; the argument is the scheme. */
    public static final String UNKNOWN_CODE = "statistics.unknown-code";
    /** A record has no aggression type, which every attack must have. */
    public static final String NO_AGGRESSION_TYPE = "statistics.no-aggression-type";
    /** A selection names a key the release does not have; the argument is the dimension. */
    public static final String UNKNOWN_SELECTION = "statistics.unknown-selection";

    private final String code;
    private final List<String> arguments;

    CatalogueRefusal(String code, String... arguments) {
        super(code, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.arguments = List.of(arguments);
    }

    public String code() {
        return code;
    }

    /** Where the problem is (a scheme or dimension name), for the sentence; never a value given. */
    public List<String> arguments() {
        return arguments;
    }
}
