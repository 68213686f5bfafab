package org.tejido.national.attack;

import java.util.List;
import java.util.TreeSet;

/** How an attack is classified; reclassifying replaces it as a whole. Lists are sorted and distinct. */
public record Classification(
        List<String> aggressionTypes,
        List<PerpetratorInvolvement> perpetrators,
        List<String> rightsDefended,
        List<String> genderElements) {
    public Classification {
        aggressionTypes = sortedDistinct(aggressionTypes);
        perpetrators = perpetrators == null ? List.of() : List.copyOf(perpetrators);
        rightsDefended = sortedDistinct(rightsDefended);
        genderElements = sortedDistinct(genderElements);
    }

    private static List<String> sortedDistinct(List<String> codes) {
        return codes == null ? List.of() : List.copyOf(new TreeSet<>(codes));
    }
}
