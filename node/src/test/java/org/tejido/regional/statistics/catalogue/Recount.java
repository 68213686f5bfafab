package org.tejido.regional.statistics.catalogue;

import java.util.Collection;
import java.util.function.Predicate;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Vocabulary;

/**
 * The catalogue's counting rules written again from their description in docs/disclosure-control.md,
 * apart from the code under test: the number of records of the year that a cell identifier names.
 */
final class Recount {
    private final Vocabulary vocabulary;

    Recount(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    int count(Collection<StatisticsRecord> records, int year, String cellId) {
        String[] parts = cellId.split("/");
        if (parts[2].equals("none")) {
            return countNone(records, year, cellId);
        }
        Predicate<StatisticsRecord> row = matches(parts[1]);
        Predicate<StatisticsRecord> column = matches(parts[2]);
        Predicate<StatisticsRecord> table = parts[0].equals("country-by-gender-element")
                ? r -> !r.genderElements().isEmpty()
                : r -> true;
        return (int) records.stream()
                .filter(r -> r.year().equals(Integer.toString(year)))
                .filter(row.and(column).and(table))
                .count();
    }

    private Predicate<StatisticsRecord> matches(String key) {
        if (key.equals("all") || key.equals("total") || key.equals("any")) {
            return r -> true;
        }
        if (key.matches("[A-Z]{2}")) {
            return r -> r.country().equals(key);
        }
        if (key.matches("\\d{4}")) {
            return r -> r.year().equals(key);
        }
        if (key.matches("\\d{4}-Q\\d")) {
            return r -> r.quarter().map(key::equals).orElse(false);
        }
        if (key.matches("\\d{4}-\\d{2}")) {
            return r -> r.month().map(key::equals).orElse(false);
        }
        String[] kv = key.split(":", 2);
        return switch (kv[0]) {
            case "type" -> r -> r.aggressionTypes().contains(kv[1]);
            case "group" ->
                r -> r.aggressionTypes().stream()
                        .anyMatch(t -> kv[1].equals(vocabulary
                                .find(SchemeName.AGGRESSION_TYPE, t)
                                .orElseThrow()
                                .group()));
            case "perpetrator" ->
                r -> r.perpetrators().stream().anyMatch(p -> p.perpetrator().equals(kv[1]));
            case "perpetrator-group" ->
                r -> r.perpetrators().stream()
                        .anyMatch(p -> kv[1].equals(vocabulary
                                .find(SchemeName.PERPETRATOR, p.perpetrator())
                                .orElseThrow()
                                .group()));
            case "right" -> r -> r.rightsDefended().contains(kv[1]);
            case "element" -> r -> r.genderElements().contains(kv[1]);
            // "none" is only in the perpetrator and right tables
            case "none" -> r -> false;
            default -> throw new IllegalArgumentException(key);
        };
    }

    /** "none" depends on the table: no perpetrator, or no right recorded. */
    private int countNone(Collection<StatisticsRecord> records, int year, String cellId) {
        String[] parts = cellId.split("/");
        Predicate<StatisticsRecord> none = parts[0].equals("country-by-perpetrator")
                ? r -> r.perpetrators().isEmpty()
                : r -> r.rightsDefended().isEmpty();
        return (int) records.stream()
                .filter(r -> r.year().equals(Integer.toString(year)))
                .filter(matches(parts[1]).and(none))
                .count();
    }
}
