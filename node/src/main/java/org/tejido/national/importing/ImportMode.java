package org.tejido.national.importing;

import java.util.Arrays;
import org.tejido.platform.problem.Rejection;

/** Whether one bad row stops the whole import (the default) or only itself. */
enum ImportMode {
    ALL_OR_NOTHING("all-or-nothing"),
    VALID_ROWS("valid-rows");

    private final String parameter;

    ImportMode(String parameter) {
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    static ImportMode fromParameter(String value) {
        return Arrays.stream(values())
                .filter(m -> m.parameter.equals(value))
                .findFirst()
                .orElseThrow(() -> Rejection.malformed("request.invalid-parameter", "mode"));
    }
}
