package org.tejido.platform.security;

import java.time.Instant;

/** A user of this node as listed to an admin: never the token nor its hash. */
public record NodeUser(String name, Role role, Instant createdAt, Instant disabledAt) {
    public boolean active() {
        return disabledAt == null;
    }
}
