package org.tejido.national.web;

import org.tejido.national.attack.Ids;
import org.tejido.platform.problem.Rejection;

/**
 * Ids taken from the address, refused at once when they are not UUIDs: such a value can name no
 * record, and sent on as a command it would reach Axon's repository, which logs the identifier it
 * failed to load. What was typed goes neither into the answer nor into the log.
 */
final class PathIds {
    private PathIds() {}

    static String uuid(String value, String parameter) {
        if (!Ids.isUuid(value)) {
            throw Rejection.malformed("request.invalid-id", parameter);
        }
        return value;
    }
}
