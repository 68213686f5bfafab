package org.tejido.national.defender;

import java.util.List;
import java.util.TreeSet;

/** What a defender does, not who she is: kind (individual, collective, organization) and rights defended. */
public record DefenderProfile(String kind, List<String> rightsDefended) {
    public DefenderProfile {
        rightsDefended = rightsDefended == null ? List.of() : List.copyOf(new TreeSet<>(rightsDefended));
    }
}
