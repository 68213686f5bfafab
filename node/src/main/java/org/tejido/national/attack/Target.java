package org.tejido.national.attack;

import java.util.List;

/**
 * Who was attacked: a kind, the defenders affected (by pseudonymous code), and for a person close to
 * a defender, the relationship.
 */
public record Target(String kind, String relationship, List<String> defenders) {
    public Target {
        defenders = defenders == null ? List.of() : List.copyOf(defenders);
    }
}
