package org.tejido.vocabulary;

import java.util.List;

/** A named list of codes, e.g. {@code aggression-type}. */
public record Scheme(String name, String es, String en, List<Term> terms) {
    public Scheme {
        terms = List.copyOf(terms);
    }
}
