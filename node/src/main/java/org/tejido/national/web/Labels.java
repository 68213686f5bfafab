package org.tejido.national.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * The vocabulary as the pages show it: each code with its label in the page's language, the code
 * underneath. One place for the list, the detail and the form, so a code reads the same on all three.
 */
@Component
class Labels {
    private final Vocabulary vocabulary;

    Labels(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** A code and its label; {@code selected} for a filter's or a form's current value. */
    record Option(String code, String label, boolean selected) {}

    record OptionGroup(String label, List<Option> options) {}

    /** The code with its label; a code the vocabulary does not know shows as itself; null stays null. */
    Option option(SchemeName scheme, String code, Locale locale) {
        if (code == null) {
            return null;
        }
        return vocabulary
                .find(scheme, code)
                .map(term -> new Option(code, label(term, locale), false))
                .orElse(new Option(code, code, false));
    }

    List<Option> options(SchemeName scheme, Collection<String> codes, Locale locale) {
        return codes.stream().map(code -> option(scheme, code, locale)).toList();
    }

    /** Every code of a scheme, retired ones left out when only active codes may be chosen. */
    List<Option> all(SchemeName scheme, Collection<String> selected, boolean activeOnly, Locale locale) {
        return vocabulary.scheme(scheme.id()).orElseThrow().terms().stream()
                .filter(term -> !activeOnly || !term.retired())
                .map(term -> new Option(term.code(), label(term, locale), selected.contains(term.code())))
                .toList();
    }

    /** The codes of one scheme under the labels of their parents (types by group, subdivisions by country). */
    List<OptionGroup> grouped(
            SchemeName scheme, SchemeName parents, Collection<String> selected, boolean activeOnly, Locale locale) {
        List<OptionGroup> groups = new ArrayList<>();
        for (Term parent : vocabulary.scheme(parents.id()).orElseThrow().terms()) {
            List<Option> children = vocabulary.scheme(scheme.id()).orElseThrow().terms().stream()
                    .filter(term -> parent.code().equals(term.group()))
                    .filter(term -> !activeOnly || !term.retired())
                    .map(term -> new Option(term.code(), label(term, locale), selected.contains(term.code())))
                    .toList();
            if (!children.isEmpty()) {
                groups.add(new OptionGroup(label(parent, locale), children));
            }
        }
        return groups;
    }

    boolean known(SchemeName scheme, String code) {
        return vocabulary.find(scheme, code).isPresent();
    }

    static String label(Term term, Locale locale) {
        return "en".equals(locale.getLanguage()) ? term.en() : term.es();
    }
}
