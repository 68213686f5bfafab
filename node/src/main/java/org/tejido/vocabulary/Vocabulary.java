package org.tejido.vocabulary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned code lists, loaded from {@code vocabulary/v1.json}. Validation is by name: an
 * unknown or retired code is refused with the scheme and the code it was given.
 */
public final class Vocabulary {
    public static final String RESOURCE = "vocabulary/v1.json";

    private final String version;
    private final Map<String, Scheme> schemes;
    private final Map<SchemeName, Map<String, Term>> index = new EnumMap<>(SchemeName.class);

    private Vocabulary(String version, Map<String, Scheme> schemes) {
        this.version = version;
        this.schemes = schemes;
        for (SchemeName name : SchemeName.values()) {
            Scheme scheme = schemes.get(name.id());
            if (scheme == null) {
                throw new IllegalStateException("Vocabulary " + version + " lacks scheme " + name.id());
            }
            Map<String, Term> terms = new LinkedHashMap<>();
            scheme.terms().forEach(t -> terms.put(t.code(), t));
            index.put(name, terms);
        }
    }

    public static Vocabulary load() {
        try (InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Vocabulary parse(JsonNode root) {
        Map<String, Scheme> schemes = new LinkedHashMap<>();
        root.get("schemes").properties().forEach(entry -> {
            JsonNode node = entry.getValue();
            List<Term> terms = new ArrayList<>();
            node.get("terms")
                    .forEach(t -> terms.add(new Term(
                            t.get("code").asText(),
                            t.hasNonNull("group") ? t.get("group").asText() : null,
                            t.get("es").asText(),
                            t.get("en").asText(),
                            t.path("retired").asBoolean(false),
                            t.hasNonNull("replacedBy") ? t.get("replacedBy").asText() : null)));
            schemes.put(
                    entry.getKey(),
                    new Scheme(
                            entry.getKey(),
                            node.get("es").asText(),
                            node.get("en").asText(),
                            terms));
        });
        return new Vocabulary(root.get("version").asText(), schemes);
    }

    public String version() {
        return version;
    }

    public Collection<Scheme> schemes() {
        return schemes.values();
    }

    public Optional<Scheme> scheme(String name) {
        return Optional.ofNullable(schemes.get(name));
    }

    /** The term for a code that new records may use; refuses unknown and retired codes. */
    public Term requireActive(SchemeName scheme, String code) {
        Term term = code == null ? null : index.get(scheme).get(code);
        if (term == null) {
            throw new UnknownCodeException(scheme.id(), String.valueOf(code), false);
        }
        if (term.retired()) {
            throw new UnknownCodeException(scheme.id(), code, true);
        }
        return term;
    }

    public void requireAllActive(SchemeName scheme, Collection<String> codes) {
        codes.forEach(code -> requireActive(scheme, code));
    }

    /** Any known code, retired or not: for labelling what was recorded before a code was retired. */
    public Optional<Term> find(SchemeName scheme, String code) {
        return Optional.ofNullable(index.get(scheme).get(code));
    }
}
